import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Lock-safety stress with Curator's InterProcessMutex: many sessions in one JVM take a few shared locks in turn.
 *
 * usage: LockStress --hosts A,B,C --root /path --out FILE --stop-file FILE [--clients 6] [--locks 2]
 *                   [--session-timeout-ms 15000] [--max-seconds 600] [--broken early-release]
 *
 * The same protocol as tests/clients/lock_stress_kazoo.py, with {root}/curator/lock-L and counter-L: each loop takes
 * a random lock and, as holder, reads the lock's children with the parent's Stat (pzxid) and the lowest child's Stat
 * (owner, czxid), reads the counter ("value acquisition-id", value == version) and writes value + 1 back on the
 * version it read, then releases. The counter and the children are read and written through the session's
 * ZooKeeper handle, never retried by Curator: a retried conditional write would look like an overlap. A holder stops
 * acting as one when its connection is SUSPENDED or LOST (ConnectionStateListener, and the handle's own connected
 * flag, which Curator's listener hears of later). A write whose connection broke is resolved (sync, read back) while
 * the session still holds the lock. All sessions share one table of holders per lock (the in-process check).
 * The Java client shuffles its host list itself, so the sessions spread over the servers at random.
 * Writes JSON lines to --out, as the kazoo script does.
 */
public final class LockStress {
    private static final AtomicBoolean STOP = new AtomicBoolean();

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        String hosts = args.get("hosts");
        String root = args.get("root") + "/curator";
        int clients = Integer.parseInt(args.getOrDefault("clients", "6"));
        int locks = Integer.parseInt(args.getOrDefault("locks", "2"));
        int sessionTimeoutMs = Integer.parseInt(args.getOrDefault("session-timeout-ms", "15000"));
        double maxSeconds = Double.parseDouble(args.getOrDefault("max-seconds", "600"));
        boolean broken = "early-release".equals(args.get("broken"));
        Path stopFile = Path.of(args.get("stop-file"));
        Output out = new Output(args.get("out"));

        try (CuratorFramework admin = newClient(hosts, sessionTimeoutMs)) {
            admin.start();
            admin.blockUntilConnected(60, TimeUnit.SECONDS);
            for (int i = 0; i < locks; i++) {
                if (admin.checkExists().forPath(root + "/lock-" + i) == null) {
                    try {
                        admin.create().creatingParentsIfNeeded().forPath(root + "/lock-" + i);
                    } catch (KeeperException.NodeExistsException ignored) {
                        // another run made it
                    }
                }
                if (admin.checkExists().forPath(root + "/counter-" + i) == null)
                    admin.create().forPath(root + "/counter-" + i, "0 none".getBytes(StandardCharsets.UTF_8));
            }
        }

        Holders holders = new Holders(out);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++)
            workers.add(new Worker(i, hosts, root, locks, sessionTimeoutMs, broken, holders, out));
        workers.forEach(Thread::start);
        long started = System.currentTimeMillis();
        while (!Files.exists(stopFile) && System.currentTimeMillis() - started < maxSeconds * 1000)
            Thread.sleep(100);
        STOP.set(true);
        List<String> stuck = new ArrayList<>();
        for (Worker w : workers) {
            w.join(60_000);
            if (w.isAlive())
                stuck.add(w.name);
        }

        try (CuratorFramework admin = newClient(hosts, sessionTimeoutMs)) {
            admin.start();
            admin.blockUntilConnected(60, TimeUnit.SECONDS);
            ZooKeeper zk = admin.getZookeeperClient().getZooKeeper();
            for (int i = 0; i < locks; i++) {
                String counter = root + "/counter-" + i;
                sync(zk, counter);
                Stat stat = new Stat();
                String data = new String(zk.getData(counter, false, stat), StandardCharsets.UTF_8);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("event", "final");
                r.put("lib", "curator");
                r.put("lock", root + "/lock-" + i);
                r.put("counter", counter);
                r.put("value", Long.parseLong(data.split(" ")[0]));
                r.put("version", stat.getVersion());
                r.put("mzxid", stat.getMzxid());
                out.write(r);
            }
        }
        int total = workers.stream().mapToInt(w -> w.count).sum();
        List<String> failures = new ArrayList<>();
        for (Worker w : workers)
            if (w.failure != null)
                failures.add(w.name + ": " + w.failure);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("event", "done");
        done.put("lib", "curator");
        done.put("acquisitions", total);
        done.put("stuck", stuck.toString());
        done.put("failures", failures.toString());
        out.write(done);
        out.close();
        System.out.println("LockStress: " + total + " acquisitions by " + clients + " sessions"
            + (stuck.isEmpty() ? "" : "; stuck: " + stuck) + (failures.isEmpty() ? "" : "; failures: " + failures));
        System.exit(stuck.isEmpty() && failures.isEmpty() ? 0 : 1);
    }

    static CuratorFramework newClient(String hosts, int sessionTimeoutMs) {
        return CuratorFrameworkFactory.builder().connectString(hosts).sessionTimeoutMs(sessionTimeoutMs)
            .connectionTimeoutMs(5000).retryPolicy(new BoundedExponentialBackoffRetry(50, 1000, 29)).build();
    }

    static void sync(ZooKeeper zk, String path) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger();
        zk.sync(path, (code, p, ctx) -> {
            rc.set(code);
            done.countDown();
        }, null);
        if (!done.await(30, TimeUnit.SECONDS))
            throw new KeeperException.OperationTimeoutException();
        if (rc.get() != 0)
            throw KeeperException.create(KeeperException.Code.get(rc.get()), path);
    }

    static long sequence(String child) {
        return Long.parseLong(child.substring(child.length() - 10));
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2)
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        for (String required : new String[] { "hosts", "root", "out", "stop-file" })
            if (!args.containsKey(required))
                throw new IllegalArgumentException("missing --" + required);
        return args;
    }

    /** InterProcessMutex with the node this thread holds made visible (Curator keeps it protected). */
    static final class Mutex extends InterProcessMutex {
        Mutex(CuratorFramework client, String path) {
            super(client, path);
        }

        String node() {
            String path = getLockPath();
            return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** Which session of this JVM acts as each lock's holder. */
    static final class Holders {
        private final Output out;
        private final Map<String, String> holder = new HashMap<>();

        Holders(Output out) {
            this.out = out;
        }

        void enter(String lock, String who) throws IOException {
            String other;
            synchronized (holder) {
                other = holder.put(lock, who);
            }
            if (other != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("event", "local-overlap");
                r.put("lock", lock);
                r.put("holder", who);
                r.put("other", other);
                r.put("t", System.currentTimeMillis());
                out.write(r);
            }
        }

        void leave(String lock, String who) {
            synchronized (holder) {
                holder.remove(lock, who);
            }
        }
    }

    static final class Worker extends Thread {
        final String name;
        final String hosts;
        final String root;
        final int locks;
        final int sessionTimeoutMs;
        final boolean broken;
        final Holders holders;
        final Output out;
        final Random rng;
        final AtomicInteger generation = new AtomicInteger();
        volatile ConnectionState state = ConnectionState.CONNECTED;
        volatile String currentLock;
        volatile String failure;
        volatile boolean closing; // the session's own close is no lost session
        int count;
        CuratorFramework client;

        Worker(int index, String hosts, String root, int locks, int sessionTimeoutMs, boolean broken, Holders holders, Output out) {
            this.name = "c" + index;
            this.hosts = hosts;
            this.root = root;
            this.locks = locks;
            this.sessionTimeoutMs = sessionTimeoutMs;
            this.broken = broken;
            this.holders = holders;
            this.out = out;
            this.rng = new Random(index);
            setDaemon(true);
        }

        @Override
        public void run() {
            try (CuratorFramework c = newClient(hosts, sessionTimeoutMs)) {
                client = c;
                c.getConnectionStateListenable().addListener((cf, newState) -> onState(newState));
                c.start();
                c.blockUntilConnected(60, TimeUnit.SECONDS);
                List<Mutex> mutexes = new ArrayList<>();
                for (int i = 0; i < locks; i++)
                    mutexes.add(new Mutex(c, root + "/lock-" + i));
                while (!STOP.get()) {
                    int i = rng.nextInt(locks);
                    once(mutexes.get(i), root + "/lock-" + i, root + "/counter-" + i);
                }
                closing = true;
            } catch (Exception e) {
                failure = e.toString();
                try {
                    out.write(Map.of("event", "error", "client", name, "error", e.toString(), "t", System.currentTimeMillis()));
                } catch (IOException ignored) {
                    // nothing left to report to
                }
            }
        }

        void onState(ConnectionState newState) {
            if (closing)
                return;
            generation.incrementAndGet();
            state = newState;
            String lock = currentLock;
            if ((newState == ConnectionState.SUSPENDED || newState == ConnectionState.LOST) && lock != null)
                holders.leave(lock, name);
            try {
                out.write(Map.of("event", "state", "client", name, "state", newState.toString(), "t", System.currentTimeMillis()));
            } catch (IOException ignored) {
                // the run is ending
            }
        }

        boolean holding(int acquiredIn) {
            return generation.get() == acquiredIn && state.isConnected() && client.getZookeeperClient().isConnected();
        }

        void once(Mutex mutex, String lockPath, String counterPath) throws Exception {
            try {
                if (!mutex.acquire(5, TimeUnit.SECONDS))
                    return;
            } catch (Exception e) {
                out.write(Map.of("event", "acquire-failed", "client", name, "lock", lockPath, "error", e.toString(),
                    "t", System.currentTimeMillis()));
                return;
            }
            count++;
            int acquiredIn = generation.get();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("lib", "curator");
            record.put("client", name);
            record.put("id", name + "-" + count);
            record.put("lock", lockPath);
            record.put("counter", counterPath);
            record.put("node", mutex.node());
            record.put("t_acquired", System.currentTimeMillis());
            boolean released = false;
            if (!holding(acquiredIn)) {
                record.put("outcome", "abandoned");
            } else {
                currentLock = lockPath;
                holders.enter(lockPath, name);
                try {
                    released = criticalSection(mutex, lockPath, counterPath, record, acquiredIn);
                } finally {
                    holders.leave(lockPath, name);
                    currentLock = null;
                }
            }
            if (!released) {
                try {
                    mutex.release();
                } catch (Exception e) {
                    record.put("release_error", e.toString());
                }
            }
            record.put("t_released", System.currentTimeMillis());
            out.write(record);
        }

        /** Returns whether the lock was released already (only --broken does that). */
        boolean criticalSection(Mutex mutex, String lockPath, String counterPath, Map<String, Object> record, int acquiredIn)
            throws Exception {
            ZooKeeper zk;
            byte[] read;
            Stat readStat = new Stat();
            try {
                zk = client.getZookeeperClient().getZooKeeper();
                record.put("session", zk.getSessionId());
                Stat parent = new Stat();
                List<String> children = zk.getChildren(lockPath, false, parent);
                String lowest = children.stream().min(Comparator.comparingLong(LockStress::sequence)).orElseThrow();
                Stat owner = zk.exists(lockPath + "/" + lowest, false);
                if (!holding(acquiredIn)) {
                    record.put("outcome", "abandoned");
                    return false;
                }
                record.put("pzxid", parent.getPzxid());
                record.put("lowest", lowest);
                record.put("lowest_owner", owner == null ? null : owner.getEphemeralOwner());
                record.put("lowest_czxid", owner == null ? null : owner.getCzxid());
                read = zk.getData(counterPath, false, readStat);
                if (!holding(acquiredIn)) {
                    record.put("outcome", "abandoned");
                    return false;
                }
            } catch (Exception e) { // connection loss, a handle Curator has not connected yet, no children: not holding
                record.put("outcome", "abandoned");
                record.put("reason", e.toString());
                return false;
            }
            long value = Long.parseLong(new String(read, StandardCharsets.UTF_8).split(" ")[0]);
            record.put("read_value", value);
            record.put("read_version", readStat.getVersion());
            record.put("read_mzxid", readStat.getMzxid());
            byte[] mine = ((value + 1) + " " + record.get("id")).getBytes(StandardCharsets.UTF_8);
            boolean released = false;
            if (broken) {
                mutex.release();
                released = true;
                Thread.sleep(30);
            }
            try {
                Stat written = zk.setData(counterPath, mine, readStat.getVersion());
                record.put("outcome", "written");
                record.put("write_value", value + 1);
                record.put("write_version", written.getVersion());
                record.put("write_zxid", written.getMzxid());
            } catch (KeeperException.BadVersionException e) {
                record.put("outcome", "bad-version");
            } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                     | KeeperException.OperationTimeoutException e) {
                record.put("reason", e.toString());
                resolve(counterPath, mine, read, readStat, record);
            }
            return released;
        }

        /**
         * A write whose reply was lost: once reconnected with the same session (so the lock is still held), sync and
         * read the counter back. Ours: written; still what was read: not applied; anything else: someone else wrote.
         */
        void resolve(String counterPath, byte[] mine, byte[] read, Stat readStat, Map<String, Object> record) throws Exception {
            long session = (long) record.get("session");
            long deadline = System.currentTimeMillis() + 2L * sessionTimeoutMs;
            while (System.currentTimeMillis() < deadline) {
                ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
                if (state == ConnectionState.LOST || zk.getSessionId() != session || !zk.getState().isAlive())
                    break;
                if (!client.getZookeeperClient().isConnected()) {
                    Thread.sleep(50);
                    continue;
                }
                try {
                    sync(zk, counterPath);
                    Stat stat = new Stat();
                    byte[] data = zk.getData(counterPath, false, stat);
                    if (java.util.Arrays.equals(data, mine)) {
                        record.put("outcome", "written");
                        record.put("resolved", true);
                        record.put("write_value", (long) record.get("read_value") + 1);
                        record.put("write_version", stat.getVersion());
                        record.put("write_zxid", stat.getMzxid());
                    } else if (java.util.Arrays.equals(data, read) && stat.getVersion() == readStat.getVersion()) {
                        record.put("outcome", "not-applied");
                        record.put("resolved", true);
                    } else {
                        record.put("outcome", "foreign-write");
                        record.put("found", new String(data, StandardCharsets.UTF_8));
                        record.put("found_version", stat.getVersion());
                    }
                    return;
                } catch (KeeperException.ConnectionLossException | KeeperException.OperationTimeoutException e) {
                    Thread.sleep(50);
                } catch (KeeperException.SessionExpiredException e) {
                    break;
                }
            }
            record.put("outcome", "unresolved");
            record.put("write_value", (long) record.get("read_value") + 1);
        }
    }

    /** JSON lines, one writer at a time, flushed at once so the test can count progress while the run goes on. */
    static final class Output {
        private final Writer writer;

        Output(String path) throws IOException {
            writer = new OutputStreamWriter(new FileOutputStream(path), StandardCharsets.UTF_8);
        }

        synchronized void write(Map<String, ?> record) throws IOException {
            StringBuilder line = new StringBuilder("{");
            for (Map.Entry<String, ?> e : record.entrySet()) {
                if (line.length() > 1)
                    line.append(',');
                line.append(quote(e.getKey())).append(':');
                Object v = e.getValue();
                line.append(v == null ? "null" : v instanceof Number || v instanceof Boolean ? v.toString() : quote(v.toString()));
            }
            writer.write(line.append("}\n").toString());
            writer.flush();
        }

        synchronized void close() throws IOException {
            writer.close();
        }

        private static String quote(String s) {
            StringBuilder q = new StringBuilder("\"");
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    case '\n' -> q.append("\\n");
                    default -> {
                        if (ch < 0x20)
                            q.append(String.format("\\u%04x", (int) ch));
                        else
                            q.append(ch);
                    }
                }
            }
            return q.append('"').toString();
        }
    }
}
