package dev.stsbridge.verifier.imds;

import java.net.URI;
import java.time.Clock;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.sts.AssumeRole;

/**
 * The instance metadata model on its own port (an SDK finds it through {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} or
 * the system property {@code aws.ec2MetadataServiceEndpoint}): role credentials for one instance profile, from the
 * verifier's STS and IAM state.
 */
public final class ImdsServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private ImdsServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * @param accountId the account of a role given by name
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ImdsServer start(ImdsSettings settings, String accountId, IamDirectory iam, AssumeRole sts,
                                   Clock clock) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("imds");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // "//latest/..." from an SDK given the endpoint with a trailing slash: the handler reads it as "/latest/..."
        http.setUriCompliance(UriCompliance.DEFAULT.with("imds", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new ImdsHandler(new ImdsTokens(clock), new InstanceCredentials(settings, iam, sts, clock),
                settings, accountId, clock));
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // failing to start already; that is what is reported
            }
            throw new IllegalStateException("the instance metadata model cannot listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        return new ImdsServer(server, connector, settings.host());
    }

    /** {@code http://host:port}, the value for {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://" + host + ":" + connector.getLocalPort());
    }

    /**
     * {@code http://host:port/}, the value to give {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}: the AWS CLI (botocore)
     * appends {@code latest/api/token} to it without a slash of its own and refuses the value without one ("Invalid
     * endpoint EC2 Instance Metadata endpoint"), while the AWS SDK for Java appends {@code /latest/...}; the handler
     * reads the doubled slash as one.
     */
    public String environmentValue() {
        return endpoint() + "/";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the instance metadata model did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
