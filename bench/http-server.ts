import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** autocannon as a promise. */
export function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)));
  });
}

/**
 * A real Setu server process (`setu serve`) on the database `env` names, on a free port, logging at info;
 * BENCH_SERVER_PROFILE=dir writes its CPU profile there. `pid` is for reading its CPU time.
 */
export async function startServer(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : []), main, 'serve'],
    {
      env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${String(code)}: ${out}`)));
  });
  return running(child, url);
}

/**
 * A bare Node HTTP server in a process of its own that reads each request's body and answers `reply` (JSON), with no
 * framework, no session and no database: what answering a request of some shape costs at the least, the server's
 * side and the load generator's, on this machine.
 */
export async function startCannedServer(reply: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const code = `
    const reply = Buffer.from(${JSON.stringify(reply)});
    const server = require('node:http').createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length }).end(reply));
    });
    server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', (code) => reject(new Error(`canned server exited with ${String(code)}`)));
  });
  return running(child, url);
}

/** A started server process: where it answers, its pid (for reading its CPU time), and how to stop it. */
function running(child: ChildProcess, url: string): { url: string; pid: number; stop(): Promise<void> } {
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
