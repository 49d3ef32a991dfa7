// Drives Apache ZooKeeper's own Java client through every request type AkkaZk's codec must match byte for byte.
// Run by capture.py against its recording proxy; "/drop-connection" asks the proxy to cut the TCP connection
// (after forwarding the reply) so the client reconnects and sends setWatches / setWatches2.
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

public final class CaptureClient {
    private static final Semaphore connected = new Semaphore(0);

    private static final Watcher watcher = event -> {
        System.out.println("event " + event);
        if (event.getType() == Watcher.Event.EventType.None
                && event.getState() == Watcher.Event.KeeperState.SyncConnected) {
            connected.release();
        }
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Step {
        void run() throws Exception;
    }

    // Expected failures (NoNode, BadVersion, ...) are part of the capture: log and go on.
    private static void attempt(String name, Step step) throws InterruptedException {
        try {
            step.run();
            System.out.println("ok   " + name);
        } catch (KeeperException e) {
            System.out.println("fail " + name + ": " + e.code());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.out.println("fail " + name + ": " + e);
        }
    }

    private static void awaitConnected() throws InterruptedException {
        if (!connected.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not connected");
        }
    }

    private static void dropConnection(ZooKeeper zk) throws Exception {
        attempt("drop", () -> zk.exists("/drop-connection", false));
        awaitConnected();
        Thread.sleep(300);
    }

    public static void main(String[] args) throws Exception {
        String connect = args[0];

        ZooKeeperAdmin zk = new ZooKeeperAdmin(connect, 4000, watcher);
        awaitConnected();

        attempt("auth digest", () -> zk.addAuthInfo("digest", bytes("alice:secret")));
        attempt("create", () -> zk.create("/cap", bytes("root"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        Stat stat = new Stat();
        attempt("create2 persistent", () -> zk.create("/cap/p", bytes("v1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat));
        attempt("create2 ephemeral", () -> zk.create("/cap/e", bytes("eph"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat));
        attempt("create2 persistent sequential", () -> zk.create("/cap/ps-", bytes(""), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, stat));
        attempt("create2 ephemeral sequential", () -> zk.create("/cap/es-", bytes("x"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL, stat));
        attempt("create ephemeral sequential", () -> zk.create("/cap/es-", bytes("y"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
        attempt("create container", () -> zk.create("/cap/c", bytes("c"), Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER));
        attempt("create2 container", () -> zk.create("/cap/c2", bytes("c"), Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, stat));
        attempt("createTTL", () -> zk.create("/cap/t", bytes("ttl"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, stat, 60000));
        attempt("createTTL sequential", () -> zk.create("/cap/ts-", bytes("ttl"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, stat, 120000));
        attempt("create null data", () -> zk.create("/cap/null", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        attempt("create creator acl", () -> zk.create("/cap/mine", bytes("m"), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT, stat));
        attempt("create NodeExists", () -> zk.create("/cap/p", bytes("again"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat));
        attempt("create NoNode parent", () -> zk.create("/nope/child", bytes(""), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));

        attempt("exists hit watch", () -> zk.exists("/cap/p", true));
        attempt("exists NoNode watch", () -> zk.exists("/cap/missing", true));
        attempt("getData watch", () -> zk.getData("/cap/p", true, new Stat()));
        attempt("getData null", () -> zk.getData("/cap/null", false, new Stat()));
        attempt("getData NoNode", () -> zk.getData("/cap/missing", false, new Stat()));
        attempt("setData fires watch", () -> zk.setData("/cap/p", bytes("v2"), -1));
        attempt("setData BadVersion", () -> zk.setData("/cap/p", bytes("v3"), 99));
        attempt("getACL", () -> zk.getACL("/cap/p", new Stat()));
        attempt("create for acl", () -> zk.create("/cap/d", bytes("d"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        List<ACL> digestAcl = new ArrayList<>();
        digestAcl.add(new ACL(Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret"))));
        digestAcl.add(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));
        attempt("setACL digest", () -> zk.setACL("/cap/d", digestAcl, -1));
        attempt("setACL BadVersion", () -> zk.setACL("/cap/d", digestAcl, 7));
        attempt("getACL digest", () -> zk.getACL("/cap/d", new Stat()));
        attempt("getChildren watch", () -> zk.getChildren("/cap", true));
        attempt("getChildren2", () -> zk.getChildren("/cap", false, new Stat()));
        attempt("getChildren NoNode", () -> zk.getChildren("/cap/missing", false));
        CountDownLatch synced = new CountDownLatch(1);
        zk.sync("/cap", (rc, path, ctx) -> synced.countDown(), null);
        synced.await(10, TimeUnit.SECONDS);

        attempt("multi ok", () -> zk.multi(Arrays.asList(
                Op.create("/cap/m1", bytes("m1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/cap/m2", bytes("m2"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData("/cap/p", bytes("v4"), -1),
                Op.check("/cap/p", 2),
                Op.delete("/cap/m1", -1))));
        attempt("multi ttl", () -> zk.multi(Arrays.asList(
                Op.create("/cap/mt", bytes("mt"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 30000),
                Op.create("/cap/mc", bytes("mc"), Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER))));
        attempt("multi fails", () -> zk.multi(Arrays.asList(
                Op.create("/cap/m3", bytes("m3"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData("/cap/missing", bytes("x"), -1),
                Op.create("/cap/m4", bytes("m4"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        attempt("multiRead", () -> zk.multi(Arrays.asList(
                Op.getChildren("/cap"),
                Op.getData("/cap/p"),
                Op.getData("/cap/missing"))));

        // Only standard watches are held: the reconnect sends setWatches (101).
        dropConnection(zk);

        attempt("addWatch persistent", () -> zk.addWatch("/cap/p", AddWatchMode.PERSISTENT));
        attempt("addWatch recursive", () -> zk.addWatch("/cap", AddWatchMode.PERSISTENT_RECURSIVE));
        attempt("exists watch again", () -> zk.exists("/cap/missing", true));
        // Persistent watches are held: the reconnect sends setWatches2 (105).
        dropConnection(zk);

        attempt("create fires recursive watch", () -> zk.create("/cap/x", bytes("x"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        attempt("getData watch for check", () -> zk.getData("/cap/x", true, new Stat()));
        attempt("checkWatches", () -> zk.removeWatches("/cap/x", watcher, Watcher.WatcherType.Data, false));
        attempt("getData watch for remove", () -> zk.getData("/cap/x", true, new Stat()));
        attempt("removeWatches", () -> zk.removeAllWatches("/cap/x", Watcher.WatcherType.Any, false));
        attempt("removeWatches persistent", () -> zk.removeAllWatches("/cap/p", Watcher.WatcherType.Any, false));
        attempt("getEphemerals", () -> zk.getEphemerals("/cap"));
        attempt("getEphemerals all", () -> zk.getEphemerals());
        attempt("getAllChildrenNumber", () -> zk.getAllChildrenNumber("/cap"));
        attempt("whoAmI", () -> zk.whoAmI());
        attempt("reconfig disabled", () -> zk.reconfigure("server.9=127.0.0.1:1:2;3", null, null, -1, new Stat()));
        attempt("delete NotEmpty", () -> zk.delete("/cap", -1));
        attempt("delete BadVersion", () -> zk.delete("/cap/x", 5));
        attempt("delete", () -> zk.delete("/cap/x", -1));

        // Idle long enough for the client to ping (it pings after ~1/3 of the negotiated timeout).
        Thread.sleep(3000);
        zk.close();

        // A second session asking for read-only mode: ConnectRequest.readOnly = true.
        ZooKeeper ro = new ZooKeeper(connect, 4000, watcher, true);
        awaitConnected();
        attempt("read-only session getData", () -> ro.getData("/cap/p", false, new Stat()));
        ro.close();

        // A third session whose auth fails: ReplyHeader{-4, 0, -115}, then the server closes the connection.
        ZooKeeper bad = new ZooKeeper(connect, 4000, watcher);
        awaitConnected();
        bad.addAuthInfo("nosuchscheme", bytes("x"));
        Thread.sleep(1000);
        bad.close();
        System.out.println("done");
    }
}
