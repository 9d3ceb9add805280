package dev.uploadgate.functions.rules;

import java.util.regex.Pattern;

/**
 * Who owns a request's keys, from the identity API Gateway verified (payload 2.0 authorizer
 * context). Each kind of caller is its own owner, and the kind is part of the owner, so no two
 * principals share a prefix:
 *
 * <ul>
 * <li>a JWT (the browser API's authorizer): {@code jwt-<sub>};
 * <li>a Cognito identity pool caller: {@code cognito-<identity id>}, one per identity, although
 *     all of a pool's users assume one role;
 * <li>an IAM user ({@code AIDA...}) or the account's root user (the account id): {@code iam-<id>};
 * <li>a GetFederationToken user ({@code <account id>:<name>}): {@code iam-<account id>:<name>};
 * <li>an assumed role ({@code AROA...:<session>}): {@code iam-<role id>}, one owner for every
 *     session of the role (service callers sharing a role), unless {@code perRoleSession} makes
 *     each session its own owner.
 * </ul>
 *
 * <p>Identities with characters that are not safe in a key are replaced by a digest (see
 * {@link Owner#fromIdentity}).
 *
 * @param perRoleSession whether each session of an assumed role is its own owner (OwnerPerRoleSession)
 */
public record Owners(boolean perRoleSession) {
    /** Roles shared by their sessions, as the template's default. */
    public static final Owners DEFAULT = new Owners(false);

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    /**
     * @param jwtSubject        the JWT's {@code sub}, or null
     * @param iamUserId         the IAM authorizer's {@code userId}, or null
     * @param cognitoIdentityId the IAM authorizer's {@code cognitoIdentity.identityId}, or null
     */
    public Owner of(String jwtSubject, String iamUserId, String cognitoIdentityId) {
        if (jwtSubject != null && !jwtSubject.isEmpty()) {
            return Owner.fromIdentity("jwt-" + jwtSubject);
        }
        if (cognitoIdentityId != null && !cognitoIdentityId.isEmpty()) {
            return Owner.fromIdentity("cognito-" + cognitoIdentityId);
        }
        if (iamUserId == null || iamUserId.isEmpty()) {
            return Owner.PUBLIC;
        }
        int colon = iamUserId.indexOf(':');
        if (colon < 0 || perRoleSession || ACCOUNT_ID.matcher(iamUserId.substring(0, colon)).matches()) {
            return Owner.fromIdentity("iam-" + iamUserId);
        }
        return Owner.fromIdentity("iam-" + iamUserId.substring(0, colon));
    }
}
