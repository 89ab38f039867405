import { Component, type ComponentType, lazy, type ReactNode, Suspense, useState } from 'react';

/** A part of the page whose code is fetched apart from the first screen's, when it is first shown. */
export interface LazyPart<P extends object> {
  (props: P): ReactNode;
  /** Fetches the part's code now (idle time, a hover), so that showing it waits for nothing. */
  preload(): Promise<unknown>;
}

/**
 * `load` imports the part's module with `import()`, which the build turns into a chunk of its own.
 * Until it has arrived the part shows `fallback` (null for a dialog: it opens when its code is
 * there, the click that asked for it is not lost). Once fetched, the part renders at once, with
 * no fallback frame. If the fetch fails (the connection dropped), the part says so where it would
 * have been and offers to try again; the rest of the room goes on working.
 */
export function lazyPart<P extends object>(
  what: string,
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): LazyPart<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  const preload = () => {
    loading ??= load().then(
      (part) => {
        loaded = part;
        return part;
      },
      (failure: unknown) => {
        // The next attempt fetches again, and so does a part shown anew (React keeps a lazy
        // component's failure for good).
        loading = null;
        pending = suspending();
        throw new PartLoadError(what, failure);
      },
    );
    return loading;
  };
  const suspending = () => lazy(async () => ({ default: await preload() }));
  let pending = suspending();

  function Part(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the component would remount it.
    const [part, setPart] = useState(() => ({ render: loaded ?? pending, attempt: 0 }));
    const Render = part.render;
    return (
      <PartBoundary
        key={part.attempt}
        what={what}
        onRetry={() => {
          pending = suspending();
          setPart({ render: loaded ?? pending, attempt: part.attempt + 1 });
        }}
      >
        <Suspense fallback={fallback}>
          <Render {...props} />
        </Suspense>
      </PartBoundary>
    );
  }
  return Object.assign(Part, { preload });
}

interface PartBoundaryProps {
  what: string;
  onRetry: () => void;
  children: ReactNode;
}

/** The fetch of a part's code failed; any other error in the part is a bug, not this. */
class PartLoadError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Could not load ${what}`, { cause });
  }
}

/**
 * The part's code could not be fetched: said where the part would be, with a way to try again.
 * Any other failure goes on to the boundary above, as if this one were not there.
 */
class PartBoundary extends Component<PartBoundaryProps, { failure: unknown }> {
  override state: { failure: unknown } = { failure: null };

  static getDerivedStateFromError(failure: unknown): { failure: unknown } {
    return { failure };
  }

  override componentDidCatch(failure: Error): void {
    if (failure instanceof PartLoadError) console.error(failure.message, failure.cause);
  }

  override render(): ReactNode {
    const { failure } = this.state;
    if (failure === null) return this.props.children;
    if (!(failure instanceof PartLoadError)) throw failure;
    return (
      <p className="room-notice" role="alert">
        Could not load {this.props.what}: check the connection, then{' '}
        <button type="button" onClick={this.props.onRetry}>
          try again
        </button>
        .
      </p>
    );
  }
}
