package dev.uploadgate.client.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Sizes as people write them: {@code 8MiB}, {@code 1GiB}, {@code 5242880}; {@code K}, {@code M},
 * {@code G}, {@code T} are binary like their {@code iB} forms, {@code KB}, {@code MB}, {@code GB},
 * {@code TB} decimal.
 */
final class Sizes implements CommandLine.ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a size like 8MiB, 1GiB or 5242880");
        }
        long unit = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new CommandLine.TypeConversionException("'" + text + "' has an unknown unit '" + m.group(2)
                    + "'; use B, KiB, MiB, GiB, TiB (or KB, MB, GB, TB)");
        };
        double bytes = Double.parseDouble(m.group(1)) * unit;
        if (bytes > Long.MAX_VALUE / 2) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        }
        return (long) Math.ceil(bytes);
    }

    /** A byte count for people: {@code 1.5 GiB}. */
    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int i = -1;
        while (value >= 1024 && i < units.length - 1) {
            value /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
    }
}
