/**
 * The text a Response was made with, kept beside it, so that a handler that sends the Response
 * itself (the direct API routes, direct-route.server.ts) need not read the body stream back: the
 * runtime wraps every body in a ReadableStream, and reading it whole was ~2 % of a bid's CPU.
 *
 * The mark is a registered symbol, not a module-level map: server.ts and the Remix build each load
 * their own copy of the app's modules, and a Response made in one is sent by the other. Only a
 * Response made from a string gets it, at construction; its body cannot change afterwards.
 */
const TEXT = Symbol.for("packloop.responseText");

type Marked = Response & { [TEXT]?: string };

/** A Response with `text` as its body, marked so a sender can take the text as it is. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response: Marked = new Response(text, init);
  response[TEXT] = text;
  return response;
}

/** The text `response` was made with by textResponse, or undefined (read its body instead). */
export function responseText(response: Response): string | undefined {
  return (response as Marked)[TEXT];
}
