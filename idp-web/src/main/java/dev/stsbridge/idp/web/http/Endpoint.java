package dev.stsbridge.idp.web.http;

/** One page or API: reads the request from the exchange and answers through it exactly once. */
@FunctionalInterface
public interface Endpoint {

    void handle(Exchange exchange) throws Exception;
}
