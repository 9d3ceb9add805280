package dev.uploadgate.client.bucket;

import java.util.List;
import java.util.Objects;

/** Every check's item, in order, and what they add up to. */
public record BucketReport(String bucket, List<CheckItem> items) {
    public BucketReport {
        Objects.requireNonNull(bucket, "bucket");
        items = List.copyOf(items);
    }

    /** Required items that are not there: the bucket is not ready for uploads. */
    public List<CheckItem> missing() {
        return items.stream().filter(item -> item.status() == Status.MISSING).toList();
    }

    /** Required items the server would not show: nothing is known to be missing, nor known to be there. */
    public List<CheckItem> uncheckedRequired() {
        return items.stream().filter(item -> item.required() && item.status() == Status.UNCHECKED).toList();
    }

    /** Ready: every required item was seen and is there. */
    public boolean ready() {
        return missing().isEmpty() && uncheckedRequired().isEmpty();
    }
}
