package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import java.util.Objects;

/**
 * Signs single-request transfers: a POST form or a PUT for a small file (the server picks the
 * key; the content type, and the size when declared, are bound into the signature), and a GET to
 * download an object of the caller's.
 */
public final class PresignObject {
    private final UrlSigner signer;
    private final PostPolicySigner postSigner;
    private final NewObjects newObjects;
    private final ObjectKeys keys;
    private final long maxObjectSize;

    public PresignObject(UrlSigner signer, PostPolicySigner postSigner, NewObjects newObjects, ObjectKeys keys, long maxObjectSize) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.postSigner = Objects.requireNonNull(postSigner, "postSigner");
        this.newObjects = Objects.requireNonNull(newObjects, "newObjects");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.maxObjectSize = maxObjectSize;
    }

    public PresignedPostResponse presignPost(Owner owner, NewObjectRequest request) {
        NewObjects.NewObject object = newObjects.check(owner, request);
        long maxSize = object.size().orElse(maxObjectSize);
        PostForm form = postSigner.sign(object.key(), object.contentType(), maxSize, object.metadata());
        return new PresignedPostResponse("POST", form.url(), form.fields(), object.key(), form.expires());
    }

    public PresignedPutResponse presignPut(Owner owner, NewObjectRequest request) {
        NewObjects.NewObject object = newObjects.check(owner, request);
        SignedRequest signed = signer.putObject(object.key(), object.contentType(), object.size(), object.metadata());
        return new PresignedPutResponse("PUT", signed.url(), signed.headers(), object.key(), signed.expires());
    }

    public DownloadUrlResponse presignDownload(Owner owner, String key) {
        keys.requireOwnedBy(owner, key);
        SignedRequest signed = signer.getObject(key);
        return new DownloadUrlResponse(signed.url(), signed.expires());
    }

    /** A key of the owner's with a fixed id, for priming (see {@link ObjectKeys#exampleKey}). */
    public String exampleKey(Owner owner) {
        return keys.exampleKey(owner);
    }
}
