package dev.uploadgate.local;

import java.util.Objects;

/**
 * The caller a verified SigV4 signature proves, as API Gateway's AWS_IAM authorization passes it
 * to the function in {@code requestContext.authorizer.iam}.
 */
record IamIdentity(String accessKey, String accountId, String userId, String userArn) {
    IamIdentity {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userArn, "userArn");
    }

    /** A local IAM user named after its access key, in local mode's made-up account. */
    static IamIdentity localUser(String accessKey) {
        return new IamIdentity(accessKey, EventFactory.ACCOUNT_ID, accessKey,
                "arn:aws:iam::" + EventFactory.ACCOUNT_ID + ":user/" + accessKey);
    }
}
