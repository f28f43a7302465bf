import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './spawned-portal.ts';

/**
 * Debian's nginx in front of several portal processes, as README's "Deploying" sets it up: one
 * address, requests spread over the hosts, a host that stops answering taken out of the rotation.
 * `tls`: it ends TLS and speaks HTTP/2 as a deployment's proxy does, with a self-signed certificate
 * made here (a browser must be told to accept it).
 */
export async function startNginx(upstreams: string[], { tls = false } = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-nginx-'));
  const port = await freePort();
  if (tls) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(prefix, 'key.pem'), '-out', path.join(prefix, 'cert.pem')], { stdio: 'ignore' });
  }
  // `listen … http2` rather than `http2 on`, which Debian 12's nginx 1.22 does not know.
  const listen = tls ? `listen 127.0.0.1:${port} ssl http2;\n    ssl_certificate ${prefix}/cert.pem;\n    ssl_certificate_key ${prefix}/key.pem;` : `listen 127.0.0.1:${port};`;
  const servers = upstreams.map((url) => `    server ${new URL(url).host} max_fails=1 fail_timeout=30s;`).join('\n');
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  client_max_body_size 30m;
  upstream caseway {
${servers}
    keepalive 32;
  }
  server {
    ${listen}
    location / {
      proxy_pass http://caseway;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-ID $request_id;
      proxy_request_buffering off;
      proxy_next_upstream error timeout;
    }
  }
}
`,
  );
  const child = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: 'ignore' });
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${fs.readFileSync(path.join(prefix, 'error.log'), 'utf8')}`);
    if (await healthy(`${base}/api/health`)) break;
    if (Date.now() - started > 10_000) throw new Error('nginx did not answer within 10 s');
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGQUIT');
        await exited;
      }
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** Whether the URL answers 200; a self-signed certificate is accepted (fetch has no such switch). */
function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const request = get(url, { rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });
}
