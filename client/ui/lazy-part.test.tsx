// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Component, type ReactNode, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyPart } from './lazy-part.tsx';

afterEach(cleanup);

/** A module fetch the test settles by hand, as the network would. */
function deferredModule<T>() {
  const attempts: Array<{ resolve: (value: T) => void; reject: (failure: unknown) => void }> = [];
  const load = vi.fn(
    () =>
      new Promise<T>((resolve, reject) => {
        attempts.push({ resolve, reject });
      }),
  );
  return { load, attempts };
}

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A page with a button that opens the part, as the room opens a dialog. */
function Opener({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && children}
    </>
  );
}

class Outer extends Component<{ children: ReactNode }, { failure: string | null }> {
  override state: { failure: string | null } = { failure: null };
  static getDerivedStateFromError(failure: Error) {
    return { failure: failure.message };
  }
  override render() {
    return this.state.failure === null ? this.props.children : <p>outer caught: {this.state.failure}</p>;
  }
}

describe('lazyPart', () => {
  it('opens on the first click: the fallback until its code arrives, then the part with its props', async () => {
    const { load, attempts } = deferredModule<typeof Greeting>();
    const Part = lazyPart('the greeting', load, <p>Loading the greeting…</p>);
    render(
      <Opener>
        <Part name="Manila" />
      </Opener>,
    );
    expect(load).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByText('Loading the greeting…')).toBeTruthy();
    attempts[0]?.resolve(Greeting);
    expect(await screen.findByText('Hello Manila')).toBeTruthy();
    expect(screen.queryByText('Loading the greeting…')).toBeNull();
  });

  it('fetches its code once, however often it is preloaded and shown', async () => {
    const { load, attempts } = deferredModule<typeof Greeting>();
    const Part = lazyPart('the greeting', load, <p>Loading the greeting…</p>);
    const preloaded = Part.preload();
    void Part.preload();
    attempts[0]?.resolve(Greeting);
    await preloaded;
    render(
      <>
        <Part name="Hanoi" />
        <Part name="Jakarta" />
      </>,
    );
    // Preloaded: shown in the first render, with no loading frame.
    expect(screen.getByText('Hello Hanoi')).toBeTruthy();
    expect(screen.getByText('Hello Jakarta')).toBeTruthy();
    expect(screen.queryByText('Loading the greeting…')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says when its code could not be fetched, and fetches it again on "try again"', async () => {
    const { load, attempts } = deferredModule<typeof Greeting>();
    const Part = lazyPart('the greeting', load);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Part name="Bangkok" />);
    attempts[0]?.reject(new TypeError('Failed to fetch dynamically imported module'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not load the greeting: check the connection, then try again.');
    fireEvent.click(screen.getByRole('button', { name: 'try again' }));
    expect(load).toHaveBeenCalledTimes(2);
    attempts[1]?.resolve(Greeting);
    expect(await screen.findByText('Hello Bangkok')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    logged.mockRestore();
  });

  it('fetches again when shown anew after a failed fetch, without waiting for "try again"', async () => {
    const { load, attempts } = deferredModule<typeof Greeting>();
    const Part = lazyPart('the greeting', load);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = render(<Part name="Manila" />);
    attempts[0]?.reject(new TypeError('Failed to fetch dynamically imported module'));
    await screen.findByRole('alert');
    first.unmount();
    render(<Part name="Vientiane" />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
    attempts[1]?.resolve(Greeting);
    expect(await screen.findByText('Hello Vientiane')).toBeTruthy();
    logged.mockRestore();
  });

  it('leaves an error of the part itself to the boundary above, not calling it a failed fetch', async () => {
    function Broken(): ReactNode {
      throw new Error('a bug in the part');
    }
    const { load, attempts } = deferredModule<typeof Broken>();
    const Part = lazyPart('the broken part', load);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <Outer>
        <Part />
      </Outer>,
    );
    attempts[0]?.resolve(Broken);
    expect(await screen.findByText('outer caught: a bug in the part')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    logged.mockRestore();
  });
});
