/** Frame number lists as compact ranges ("1-5,8,10-12"), for golden files. */
export function toRanges(frames: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < frames.length; ) {
    let j = i;
    while (j + 1 < frames.length && frames[j + 1] === frames[j]! + 1) j++;
    parts.push(j === i ? `${frames[i]}` : `${frames[i]}-${frames[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

export function fromRanges(text: string): number[] {
  if (text === "") return [];
  return text.split(",").flatMap((p) => {
    const [a, b] = p.split("-").map(Number);
    if (b === undefined) return [a!];
    return Array.from({ length: b - a! + 1 }, (_, k) => a! + k);
  });
}
