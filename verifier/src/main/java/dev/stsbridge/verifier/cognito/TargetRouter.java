package dev.stsbridge.verifier.cognito;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /} carries two protocols: AWS's JSON protocol names its operation in {@code X-Amz-Target}
 * (Cognito Identity: {@code AWSCognitoIdentityService.*}); everything else is the Query API (IAM, STS).
 */
public final class TargetRouter extends Handler.Abstract {
    private final Handler cognito;
    private final Handler query;

    public TargetRouter(Handler cognito, Handler query) {
        this.cognito = cognito;
        this.query = query;
        installBean(cognito);
        installBean(query);
    }

    /** The two protocols' handlers belong to the same server (Jetty warns at start about a handler without one). */
    @Override
    public void setServer(Server server) {
        super.setServer(server);
        cognito.setServer(server);
        query.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        boolean json = target != null && target.startsWith(CognitoHandler.TARGET_PREFIX);
        return (json ? cognito : query).handle(request, response, callback);
    }
}
