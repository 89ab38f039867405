/** One Server-Sent Event as a client reads it. */
export interface ReceivedEvent {
  id: string | null;
  event: string | null;
  data: string;
}

/**
 * Opens an events channel as `cookie`, like a browser's EventSource, and hands out its events in
 * order. `close()` ends the connection.
 */
export async function openEventStream(url: string, cookie: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = { cookie, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || response.body === null) throw new Error(`events answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ready: ReceivedEvent[] = [];
  let buffered = '';

  async function next(timeoutMs = 10_000): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    while (ready.length === 0) {
      if (Date.now() > deadline) throw new Error('timed out waiting for an event');
      const { value, done } = await reader.read();
      if (done) throw new Error('the events channel closed');
      buffered += value;
      let end = buffered.indexOf('\n\n');
      while (end !== -1) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event: ReceivedEvent = { id: null, event: null, data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('event: ')) event.event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        event.data = data.join('\n');
        if (data.length > 0) ready.push(event);
        end = buffered.indexOf('\n\n');
      }
    }
    return ready.shift() as ReceivedEvent;
  }

  return { next, close: () => controller.abort() };
}
