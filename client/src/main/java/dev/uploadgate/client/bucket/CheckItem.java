package dev.uploadgate.client.bucket;

import java.util.Objects;

/**
 * One line of the report: what was checked, whether it is required, what was found, and for
 * anything not OK the AWS CLI command that fixes it ({@code fix}, else null) with what the command
 * keeps or changes besides ({@code note}, else null).
 */
public record CheckItem(String id, String title, boolean required, Status status, String detail, String fix, String note) {
    public CheckItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static CheckItem ok(String id, String title, boolean required, String detail) {
        return new CheckItem(id, title, required, Status.OK, detail, null, null);
    }

    /** Not there: MISSING when required, else ADVISORY. */
    static CheckItem notThere(String id, String title, boolean required, String detail, String fix, String note) {
        return new CheckItem(id, title, required, required ? Status.MISSING : Status.ADVISORY, detail, fix, note);
    }

    static CheckItem unchecked(String id, String title, boolean required, String reason) {
        return new CheckItem(id, title, required, Status.UNCHECKED, "could not be checked: " + reason, null, null);
    }
}
