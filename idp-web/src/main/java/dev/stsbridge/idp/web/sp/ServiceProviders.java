package dev.stsbridge.idp.web.sp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.metadata.MetadataException;
import dev.stsbridge.metadata.ServiceProvider;
import dev.stsbridge.metadata.ServiceProviderMetadataReader;

/**
 * The service providers allowed to send AuthnRequests, by entity ID: AWS's console sign-in
 * ({@code urn:amazon:webservices}, profile {@code aws-signin}, its ACS the configured {@code aws.signin-url}), always;
 * and each entry of {@code service-providers}, read from its metadata file at start (an entry for
 * {@code urn:amazon:webservices} replaces the built-in one).
 */
public final class ServiceProviders {

    private final Map<String, RegisteredSp> byEntityId;

    private ServiceProviders(Map<String, RegisteredSp> byEntityId) {
        this.byEntityId = Map.copyOf(byEntityId);
    }

    /**
     * @throws IllegalStateException naming the file when an SP's metadata cannot be read or used
     */
    public static ServiceProviders load(StsbridgeConfig config) {
        ServiceProviderMetadataReader reader = new ServiceProviderMetadataReader();
        Map<String, RegisteredSp> sps = new LinkedHashMap<>();
        ServiceProvider aws = reader.awsSignIn();
        ServiceProvider.AssertionConsumerService signin = new ServiceProvider.AssertionConsumerService(
                RegisteredSp.HTTP_POST, config.aws().signinUrl(), 0, Optional.of(true));
        sps.put(aws.entityId(), new RegisteredSp(aws, SpProfile.AWS_SIGNIN, config.nameId(), false, List.of(signin)));
        for (ServiceProviderConfig entry : config.serviceProviders()) {
            RegisteredSp sp = register(reader, entry);
            sps.put(sp.entityId(), sp);
        }
        return new ServiceProviders(sps);
    }

    private static RegisteredSp register(ServiceProviderMetadataReader reader, ServiceProviderConfig entry) {
        try {
            ServiceProvider metadata = reader.read(Files.readAllBytes(entry.metadata()));
            NameIdFormat nameId = entry.nameId();
            return new RegisteredSp(metadata, entry.profile(), nameId, entry.requireSignedRequests(),
                    metadata.assertionConsumerServices());
        } catch (IOException e) {
            throw new IllegalStateException("service-providers: cannot read " + entry.metadata() + ": " + e, e);
        } catch (MetadataException | IllegalArgumentException e) {
            throw new IllegalStateException("service-providers: " + entry.metadata() + ": " + e.getMessage(), e);
        }
    }

    public Optional<RegisteredSp> find(String entityId) {
        return Optional.ofNullable(byEntityId.get(entityId));
    }

    public int size() {
        return byEntityId.size();
    }
}
