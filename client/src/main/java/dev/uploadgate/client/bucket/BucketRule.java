package dev.uploadgate.client.bucket;

/** One check: a pure function of the fetched settings, so it is tested without S3. */
public interface BucketRule {
    CheckItem check(BucketSettings settings, CheckTarget target);
}
