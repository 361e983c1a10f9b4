#!/usr/bin/env python3
"""Samples per-thread CPU of the standalone JVM and per-process CPU of PostgreSQL every second, plus what each
PostgreSQL backend is running, until the stop file exists. One JSON line per sample."""
import json, os, subprocess, sys, time
out, stop = sys.argv[1], sys.argv[2]
def ticks(path):
    try:
        s = open(path).read()
    except OSError:
        return None
    rest = s[s.rindex(')') + 2:].split()
    return int(rest[11]) + int(rest[12]), s[s.index('(') + 1:s.rindex(')')]
def jvm_pid():
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                c = open(f'/proc/{p}/cmdline', 'rb').read().split(b'\0')
            except OSError:
                continue
            if c and c[0].endswith(b'java') and any(b'tributary-standalone' in a for a in c):
                return p
    return None
n = 0
with open(out, 'w') as f:
    while not os.path.exists(stop):
        t = time.time()
        rec = {'t': t, 'jvm': {}, 'pg': {}}
        jp = jvm_pid()
        if jp:
            for tid in os.listdir(f'/proc/{jp}/task'):
                r = ticks(f'/proc/{jp}/task/{tid}/stat')
                if r:
                    rec['jvm'][tid] = [r[1], r[0]]
        for p in os.listdir('/proc'):
            if not p.isdigit():
                continue
            r = ticks(f'/proc/{p}/stat')
            if r and r[1] == 'postgres':
                try:
                    cmd = open(f'/proc/{p}/cmdline', 'rb').read().replace(b'\0', b' ').decode()[:80]
                except OSError:
                    cmd = ''
                rec['pg'][p] = [cmd, r[0]]
        if n % 2 == 0 and rec['pg']:
            try:
                q = subprocess.run(['psql', '-h', 'localhost', '-p', '55432', '-U', 'postgres', '-At', '-F', '\t', '-c',
                                    "select pid, backend_type, state, replace(left(query, 70), E'\\n', ' ') from pg_stat_activity where pid <> pg_backend_pid()"],
                                   env=dict(os.environ, PGPASSWORD='postgres'), capture_output=True, text=True, timeout=5)
                rec['act'] = [l.split('\t') for l in q.stdout.splitlines()]
            except Exception:
                pass
        f.write(json.dumps(rec) + '\n')
        f.flush()
        n += 1
        time.sleep(max(0, 1 - (time.time() - t)))
