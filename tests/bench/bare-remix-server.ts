// The page-speed benchmark's baseline (page-speed.bench.ts): a bare Express + Remix server with one
// route whose loader returns 50 items, rendered by the stock streaming entry (renderToPipeableStream
// on the shell) inside a root with <Meta>, <Links>, <Scripts>. No middleware, no database, no
// session: what any Remix page costs on this machine before the app does anything of its own.
// The build is assembled here by hand (no Vite), with the app's future flags, so nothing is shared
// with the app's build. Run as its own process: `tsx tests/bench/bare-remix-server.ts <port>`;
// prints "listening" when ready.
import { PassThrough } from "node:stream";
import { createRequestHandler } from "@remix-run/express";
import { createReadableStreamFromReadable, type EntryContext, type ServerBuild } from "@remix-run/node";
import { Links, Meta, Outlet, RemixServer, Scripts, useLoaderData } from "@remix-run/react";
import express from "express";
import { createElement as h } from "react";
import { renderToPipeableStream } from "react-dom/server";
import remixConfig from "../../remix.config.js";

const ITEMS = Array.from({ length: 50 }, (_, i) => ({
  id: `item-${i}`,
  title: `Item ${i}: 12 LFP modules, 480 kg`,
  priceMinor: 100_000 + i * 137,
  location: "Melbourne, Australia",
}));

function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  return new Promise<Response>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(h(RemixServer, { context, url: request.url }), {
      onShellReady() {
        const body = new PassThrough();
        headers.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

function Root() {
  return h(
    "html",
    { lang: "en" },
    h("head", null, h("meta", { charSet: "utf-8" }), h(Meta), h(Links)),
    h("body", null, h(Outlet), h(Scripts)),
  );
}

function Items() {
  const { items } = useLoaderData<{ items: typeof ITEMS }>();
  return h(
    "ul",
    null,
    items.map((item) =>
      h(
        "li",
        { key: item.id },
        h("a", { href: `/items/${item.id}` }, item.title),
        ` — ${(item.priceMinor / 100).toFixed(2)} AUD, ${item.location}`,
      ),
    ),
  );
}

const entryRoute = {
  caseSensitive: undefined,
  hasAction: false,
  hasClientAction: false,
  hasClientLoader: false,
};
const build = {
  mode: "production",
  entry: { module: { default: handleRequest } },
  routes: {
    root: { id: "root", path: "", module: { default: Root } },
    "routes/items": {
      id: "routes/items",
      parentId: "root",
      path: "items",
      module: { default: Items, loader: () => ({ items: ITEMS }) },
    },
  },
  assets: {
    url: "/assets/manifest.js",
    version: "bare",
    entry: { module: "/assets/entry.client.js", imports: [] },
    routes: {
      root: {
        ...entryRoute,
        id: "root",
        path: "",
        module: "/assets/root.js",
        hasLoader: false,
        hasErrorBoundary: false,
      },
      "routes/items": {
        ...entryRoute,
        id: "routes/items",
        parentId: "root",
        path: "items",
        module: "/assets/items.js",
        hasLoader: true,
        hasErrorBoundary: false,
      },
    },
  },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: remixConfig.future,
  isSpaMode: false,
  basename: "/",
} as unknown as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
