// The 12345 platform's side in `pnpm bench:hotline`: accepts every outbox call at once. A process of its
// own, as the platform is a remote system: answering the outbox's calls must not take the service's
// event loop. Prints `PORT <n>` once listening; exits when its stdin closes (the bench ended).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"receiptId":"R1"}');
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
