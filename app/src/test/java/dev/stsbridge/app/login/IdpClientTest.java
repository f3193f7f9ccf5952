package dev.stsbridge.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** What the client sends to the ECP endpoint, and how it reports the IdP's refusals (a loopback stub IdP). */
class IdpClientTest {

    private HttpServer server;
    private final AtomicReference<String> otpSeen = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/saml2/ecp", exchange -> {
            otpSeen.set(exchange.getRequestHeaders().getFirst("X-Stsbridge-OTP"));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] fault = ("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
                    + "<faultcode>S:Client</faultcode><faultstring>That code is not valid, or was already used."
                    + "</faultstring></S:Fault></S:Body></S:Envelope>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, fault.length);
            exchange.getResponseBody().write(fault);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RoleCatalogue catalogue() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        RoleCatalogue.Role admin = new RoleCatalogue.Role("Admin", "arn:aws:iam::111122223333:role/Admin",
                "arn:aws:iam::111122223333:saml-provider/stsbridge", Optional.empty());
        return new RoleCatalogue("alice", URI.create("https://signin.aws.amazon.com/saml"), base.resolve("/saml2/ecp"),
                List.of(new RoleCatalogue.Account("111122223333", "prod", List.of(admin))));
    }

    @Test
    void theCodeTravelsInTheOtpHeaderAndTheFaultIsTheMessage() {
        RoleCatalogue catalogue = catalogue();
        IdpClient client = new IdpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        assertThatThrownBy(() -> client.assertion(catalogue, catalogue.choices().get(0), "alice",
                "wonderland".toCharArray(), Optional.of("123456")))
                .isInstanceOf(LoginFailure.class)
                .hasMessage("the IdP refused (HTTP 403): That code is not valid, or was already used.");
        assertThat(otpSeen.get()).isEqualTo("123456");
        assertThat(authorization.get()).isEqualTo("Basic YWxpY2U6d29uZGVybGFuZA==");
    }

    @Test
    void withoutACodeNoOtpHeaderIsSent() {
        RoleCatalogue catalogue = catalogue();
        IdpClient client = new IdpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        assertThatThrownBy(() -> client.assertion(catalogue, catalogue.choices().get(0), "alice",
                "wonderland".toCharArray(), Optional.empty())).isInstanceOf(LoginFailure.class);
        assertThat(otpSeen.get()).isNull();
    }
}
