// Start-up time of the IdP web server (issue 4: "start-up to ready in under 1.5 s"); never run by the tests.
//   java -Xms256m -Xmx256m -XX:+UseSerialGC -cp app/target/stsbridge.jar bench/StartupTime.java DATA_DIR
// With an already-generated data directory (keys exist), measures in one fresh JVM: IdpApplication.start (keys,
// metadata signing, embedded directory) and IdpServer.start to the first 200 from /healthz on a free port.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;

public class StartupTime {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        IdpApplication idp = IdpApplication.start(StsbridgeConfig.demo().withDataDir(Path.of(args[0])),
                System.getenv(), Clock.systemUTC());
        long t1 = System.nanoTime();
        IdpServer server = IdpServer.start(idp, ServerSettings.loopback(0), line -> { });
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")).build();
        while (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            Thread.sleep(5);
        }
        long t2 = System.nanoTime();
        System.out.printf("IdpApplication.start: %d ms; IdpServer.start to first 200 on /healthz: %d ms; total %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
        server.close();
        idp.close();
    }
}
