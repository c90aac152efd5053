import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/** gzip size of the script a store pastes into its page. */
export default async function sizes() {
  const stub = await readFile('dist/chatbot.js');
  const kb = gzipSync(stub, { level: 9 }).length / 1024;
  return [{ figure: 'chatbot.js (script tag stub), gzip', value: Number(kb.toFixed(2)), unit: 'KB', goal: '≤ 12 KB', pass: kb <= 12 }];
}
