package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Part numbers as S3 knows them: whole numbers 1 to 10,000. */
public final class PartNumbers {
    public static final int MIN = 1;
    public static final int MAX = 10_000;
    /** How many part URLs one batch call may presign. */
    public static final int MAX_BATCH = 100;

    private PartNumbers() {
    }

    /** Parses one part number from its text form, as it arrives in a path or query. */
    public static int parse(String field, String text) {
        if (text == null || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(field, text);
        }
        int number = Integer.parseInt(text);
        if (number < MIN || number > MAX) {
            throw invalid(field, text);
        }
        return number;
    }

    /** Checks a part number that arrived as a JSON number. */
    public static int require(String field, long number) {
        if (number < MIN || number > MAX) {
            throw invalid(field, number);
        }
        return (int) number;
    }

    /** Parses a comma-separated batch such as {@code 1,2,3}: 1 to 100 distinct valid numbers. */
    public static List<Integer> parseBatch(String field, String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_PART_NUMBER, field + " is required: a comma-separated list of part numbers");
        }
        String[] items = commaSeparated.split(",", -1);
        if (items.length > MAX_BATCH) {
            throw new ApiException(ErrorCode.INVALID_PART_NUMBER,
                    field + " has " + items.length + " part numbers; at most " + MAX_BATCH + " per call");
        }
        Set<Integer> numbers = new LinkedHashSet<>();
        for (String item : items) {
            int number = parse(field, item.trim());
            if (!numbers.add(number)) {
                throw new ApiException(ErrorCode.INVALID_PART_NUMBER, field + " lists part " + number + " twice");
            }
        }
        return new ArrayList<>(numbers);
    }

    private static ApiException invalid(String field, Object value) {
        return new ApiException(ErrorCode.INVALID_PART_NUMBER,
                field + " " + ApiException.quote(value) + " is not a whole number from " + MIN + " to " + MAX);
    }
}
