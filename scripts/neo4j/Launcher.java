import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Serves a Neo4j 5.26 Community DBMS over Bolt on loopback until the process is
 * signalled. Usage: Launcher HOME_DIR PORT PASSWORD [PAGECACHE_MB]. Prints "READY"
 * once Bolt accepts connections with the given password for user neo4j.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        long pageCacheMb = args.length > 3 ? Long.parseLong(args[3]) : 256;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                // A stop is a test's or an import's, with its clients gone: no need to
                // wait the default seconds for Bolt workers that have nothing to do.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }));

        // Embedded access bypasses auth, so it can set the password the tests use.
        // A restart with the same password finds it set already, which Neo4j refuses
        // to set again; anything else is fatal (the JVM would otherwise live on).
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                e.printStackTrace();
                System.exit(1);
            }
        }

        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }
}
