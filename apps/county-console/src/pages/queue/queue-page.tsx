/** Placeholder until this page is built. */
export default function Page(_props: { params: Record<string, string> }) {
  return <p>建设中</p>;
}
