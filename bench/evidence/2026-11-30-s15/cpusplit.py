import json, sys, re, collections
samples = [json.loads(l) for l in open(sys.argv[1])]
cons = open(sys.argv[2]).read().splitlines()
t0 = next(float(l.split()[0]) for l in cons if 'posting' in l)
t1 = next(float(l.split()[0]) for l in cons if 'records_db_activity: busiest' in l)
records = float(sys.argv[3]) if len(sys.argv) > 3 else 383334
a = min(samples, key=lambda s: abs(s['t'] - t0)); b = min(samples, key=lambda s: abs(s['t'] - t1))
secs = b['t'] - a['t']
print(f"window {secs:.1f} s (console {t1-t0:.1f} s)")
def group(comm):
    for pat, g in [(r'^C2 Compiler', 'JIT C2'), (r'^C1 Compiler', 'JIT C1'), (r'^http-nio-8081', 'ingestion HTTP'),
                   (r'^http-nio-808[23]', 'profile/segmentation HTTP'), (r'^profile-records', 'profile record consumer'),
                   (r'^profile-events', 'profile event consumer'), (r'^segmentation', 'segmentation consumers'),
                   (r'^outbox-relay', 'outbox relays'), (r'^kafka-producer', 'kafka producers (clients)'),
                   (r'^(data-plane|broker|controller|group-coord|kafka-|ReplicaFetcher|LogDir|quorum|raft|transaction|ExpirationReaper|executor|share)', 'kafka broker'),
                   (r'^(GC |G1 )', 'GC'), (r'^VM ', 'VM'), ]:
        if re.match(pat, comm):
            return g
    return 'other:' + comm
jg = collections.Counter(); per = collections.Counter()
for tid, (comm, tk) in b['jvm'].items():
    d = tk - a['jvm'].get(tid, [comm, 0])[1]
    jg[group(comm)] += d; per[comm] += d
# pg: classify backends by queries seen
seen = collections.defaultdict(collections.Counter)
for s in samples:
    if a['t'] - 1 <= s['t'] <= b['t'] + 1:
        for row in s.get('act', []):
            if len(row) >= 4:
                seen[row[0]][(row[1], row[3][:50])] += 1
def pgclass(pid, cmd):
    if 'autovacuum' in cmd: return 'pg autovacuum'
    if any(k in cmd for k in ('checkpointer', 'walwriter', 'background writer', 'wal writer', 'logger', 'launcher')): return 'pg ' + cmd.split(':')[1].strip()[:20]
    qs = seen.get(pid)
    if not qs: return 'pg backend (unseen)'
    text = ' '.join(q for (_, q), n in qs.items())
    if 'outbox' in text and not re.search(r'fragment|identity|unified|person_account|membership', text): return 'pg outbox relay'
    if re.search(r'membership|segment', text): return 'pg segmentation'
    if re.search(r'fragment|identity_|unified_|person_account', text): return 'pg profile consumer'
    if re.search(r'ingest|batch|source', text): return 'pg ingestion'
    return 'pg other: ' + text[:60]
pg = collections.Counter()
for pid, (cmd, tk) in b['pg'].items():
    d = tk - a['pg'].get(pid, [cmd, 0])[1]
    if d > 0: pg[pgclass(pid, cmd)] += d
tot = sum(jg.values()) + sum(pg.values())
print(f"total {tot/100:.1f} cpu-s = {tot/100/secs:.2f} cores; per 1,000 records {tot*10*1000/records:.0f} ms")
for name, c in sorted(list(jg.items()) + list(pg.items()), key=lambda x: -x[1]):
    if c >= 20:
        print(f"  {name:34s} {c/100:7.1f} cpu-s  {c/100/secs:5.2f} cores  {c*10*1000/records:6.1f} ms/1,000 records")
if '-v' in sys.argv:
    for comm, c in per.most_common(25): print('   ', comm, c/100)
