/** A search snippet: what matched is marked. The parts are text, never HTML. */
export function Snippet({ parts }: { parts: { text: string; match: boolean }[] }) {
  return <>{parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}</>;
}
