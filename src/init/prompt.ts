import { createInterface } from 'node:readline/promises';

/** Asks one question on the terminal (stderr, so stdout stays clean); an empty answer takes `fallback`. */
export async function ask(question: string, fallback: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} (${fallback}): `)).trim();
    return answer || fallback;
  } finally {
    rl.close();
  }
}
