// Every URL no other route matches: answer 404 and let the root error boundary show the page.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
export const action = loader;
