package dev.stsbridge.verifier.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.auth.AuthorizationHeader.CredentialScope;
import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.CredentialIssuer.IssuedSession;

/**
 * Authenticates a Query request signed with AWS Signature Version 4 (the {@code Authorization} header form), in
 * AWS's order of refusals: missing or incomplete header, credential scope, clock, access key and session token,
 * then the signature itself, which {@link SignatureCalculator} recomputes over the request as received and which is
 * compared in constant time.
 *
 * <p>Accepted scopes: region {@code us-east-1} or {@code aws-global} (real IAM accepts only us-east-1; the SDK for
 * Java v2 signs {@code aws-global} when a client is built for that region), and the service of the API called.
 * Requests presigned in the query string are not supported; they are answered as unsigned.
 */
public final class SigV4Authenticator {

    /** AWS's window for the request time: 15 minutes either way. */
    public static final Duration TIME_WINDOW = Duration.ofMinutes(15);

    private static final Set<String> REGIONS = Set.of("us-east-1", "aws-global");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Accounts accounts;
    private final CredentialIssuer issuer;
    private final Clock clock;
    private final SessionAuthorizer sessions;
    private final IamDirectory users;
    private final UserAuthorizer userAccess;
    private final SignatureCalculator signatures = new SignatureCalculator();

    /** Role sessions it authenticates may call nothing that needs permissions. */
    public SigV4Authenticator(Accounts accounts, CredentialIssuer issuer, Clock clock) {
        this(accounts, issuer, clock, SessionAuthorizer.DENY_ALL);
    }

    /** Role sessions it authenticates carry {@code sessions}, which decides what they may call. */
    public SigV4Authenticator(Accounts accounts, CredentialIssuer issuer, Clock clock, SessionAuthorizer sessions) {
        this(accounts, issuer, clock, sessions, new IamDirectory() {
            @Override
            public Optional<dev.stsbridge.verifier.iam.SamlProvider> samlProvider(String providerArn) {
                return Optional.empty();
            }

            @Override
            public Optional<dev.stsbridge.verifier.iam.SamlProvider> samlProviderByUuid(String uuid) {
                return Optional.empty();
            }

            @Override
            public Optional<dev.stsbridge.verifier.iam.IamRole> role(String roleArn) {
                return Optional.empty();
            }
        }, UserAuthorizer.DENY_ALL);
    }

    /**
     * Also authenticates IAM users' long-term access keys ({@code users}), whose callers carry {@code userAccess},
     * which decides what they may call.
     */
    public SigV4Authenticator(Accounts accounts, CredentialIssuer issuer, Clock clock, SessionAuthorizer sessions,
                              IamDirectory users, UserAuthorizer userAccess) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.clock = clock;
        this.sessions = sessions;
        this.users = users;
        this.userAccess = userAccess;
    }

    /**
     * @param service the signing name of the API called ({@code iam}, {@code sts})
     * @throws dev.stsbridge.verifier.AwsException with AWS's code and message on any refusal
     */
    public Caller authenticate(ReceivedRequest request, String service) {
        String authorization = request.header("Authorization").orElseThrow(() -> AwsError.sender(
                "MissingAuthenticationToken", "Request is missing Authentication Token", 403).exception());
        Optional<String> amzDate = request.header("X-Amz-Date");
        AuthorizationHeader header = AuthorizationHeader.parse(authorization, amzDate.isPresent());
        Instant signedAt = parseDate(amzDate.orElseThrow());
        checkScope(header.scope(), service, amzDate.orElseThrow());
        checkTime(signedAt);
        Credentials credentials = credentials(header.accessKeyId(), request.header("X-Amz-Security-Token"));
        String expected = signatures.signature(request, header, signedAt, credentials.secret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw signatureDoesNotMatch("The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        return credentials.caller();
    }

    /** Whether an access key ID is one this model knows (an account key or an issued temporary key). */
    public boolean knows(String accessKeyId) {
        return accounts.byAccessKeyId(accessKeyId).isPresent() || issuer.find(accessKeyId).isPresent()
                || users.userByAccessKey(accessKeyId).isPresent();
    }

    /** The secret to check the signature with, and who the key stands for. */
    private record Credentials(String secret, Caller caller) {
    }

    private static Instant parseDate(String amzDate) {
        try {
            return Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw AuthorizationHeader.incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static void checkScope(CredentialScope scope, String service, String amzDate) {
        if (!"aws4_request".equals(scope.terminator())) {
            throw signatureDoesNotMatch("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + scope.terminator() + "'. ");
        }
        if (!amzDate.startsWith(scope.date()) || scope.date().length() != 8) {
            throw signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                    + "date from HTTP: '" + scope.date() + "' != '" + amzDate.substring(0, 8) + "', from '"
                    + amzDate + "'.");
        }
        if (!REGIONS.contains(scope.region())) {
            throw signatureDoesNotMatch("Credential should be scoped to a valid region, not '" + scope.region()
                    + "'. ");
        }
        if (!service.equals(scope.service())) {
            throw signatureDoesNotMatch("Credential should be scoped to correct service: '" + service + "'. ");
        }
    }

    private void checkTime(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(TIME_WINDOW))) {
            throw signatureDoesNotMatch("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                    + AMZ_DATE.format(now.minus(TIME_WINDOW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(TIME_WINDOW))) {
            throw signatureDoesNotMatch("Signature not yet current: " + AMZ_DATE.format(signedAt)
                    + " is still later than " + AMZ_DATE.format(now.plus(TIME_WINDOW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
    }

    private Credentials credentials(String accessKeyId, Optional<String> token) {
        Optional<Account> account = accounts.byAccessKeyId(accessKeyId);
        if (account.isPresent()) {
            if (token.isPresent()) {
                throw invalidClientTokenId(); // a long-term key carries no session token
            }
            return new Credentials(account.get().secretAccessKey(), new Caller.AccountRoot(account.get()));
        }
        Optional<IamDirectory.UserKeyOwner> owner = users.userByAccessKey(accessKeyId);
        if (owner.isPresent()) {
            if (token.isPresent() || !owner.get().key().active()) {
                throw invalidClientTokenId(); // a long-term key carries no session token; an inactive key is refused
            }
            return new Credentials(owner.get().key().secretAccessKey(),
                    new Caller.IamUser(owner.get().user(), accessKeyId, userAccess));
        }
        IssuedSession session = issuer.find(accessKeyId).orElseThrow(SigV4Authenticator::invalidClientTokenId);
        byte[] expectedToken = session.credentials().sessionToken().getBytes(StandardCharsets.UTF_8);
        if (token.isEmpty() || !MessageDigest.isEqual(expectedToken, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw invalidClientTokenId();
        }
        if (!session.credentials().expiration().isAfter(clock.instant())) {
            throw AwsError.sender("ExpiredToken", "The security token included in the request is expired", 403)
                    .exception();
        }
        return new Credentials(session.credentials().secretAccessKey(), new Caller.RoleSession(session, sessions));
    }

    /**
     * {@code InvalidClientTokenId} (403). The message is as in STS's and IAM's raw XML bodies seen in the field,
     * without a final period (some SDKs' renderings add one).
     */
    private static RuntimeException invalidClientTokenId() {
        return AwsError.sender("InvalidClientTokenId", "The security token included in the request is invalid", 403)
                .exception();
    }

    private static RuntimeException signatureDoesNotMatch(String message) {
        return AwsError.sender("SignatureDoesNotMatch", message, 403).exception();
    }
}
