package dev.stsbridge.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * The demo's ports, settled before anything starts: both servers must know both ports up front (the IdP's base URL
 * and POST target name them), and both start at the same time. Port 0 picks a free port; another port is checked
 * by binding it for a moment, so that a taken port fails in milliseconds, before keys are loaded. (A port taken in
 * the moment between this check and the server's own bind still fails, at the server's bind.)
 */
final class Ports {

    private static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** The two ports, settled. */
    record Pair(int idp, int aws) {
        URI idpUrl() {
            return URI.create("http://" + LOOPBACK + ":" + idp);
        }

        URI awsUrl() {
            return URI.create("http://" + LOOPBACK + ":" + aws);
        }
    }

    /**
     * Both ports: each as requested, or a free one for 0 (never the same one twice).
     *
     * @throws PortInUseException naming the first requested port that is taken (the AWS model's is checked first)
     */
    static Pair settle(int idpPort, int awsPort) {
        int aws = settle(awsPort, PortInUseException.Service.AWS);
        int idp = settle(idpPort, PortInUseException.Service.IDP);
        while (idp == aws) { // both free ports asked for, and the same one came back twice
            idp = settle(0, PortInUseException.Service.IDP);
        }
        return new Pair(idp, aws);
    }

    /**
     * The port to use for {@code service}: {@code requested}, or a free one when it is 0.
     *
     * @throws PortInUseException when {@code requested} is taken
     */
    static int settle(int requested, PortInUseException.Service service) {
        try (ServerSocket socket = new ServerSocket(requested, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (BindException e) {
            throw new PortInUseException(service, requested, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check port " + requested + " on " + LOOPBACK + ": " + e.getMessage(),
                    e);
        }
    }
}
