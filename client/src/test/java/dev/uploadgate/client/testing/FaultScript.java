package dev.uploadgate.client.testing;

import dev.uploadgate.client.testing.FaultProxy.Action;
import dev.uploadgate.client.testing.FaultProxy.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/** Which requests fail how, and how many times: {@code new FaultScript().onPart(2, 1, FaultProxy.DROP)}. */
public final class FaultScript implements Function<Seen, Action> {
    private record Rule(Predicate<Seen> which, int times, Action action, AtomicInteger used) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** The first {@code times} PUTs of part {@code partNumber} get {@code action} (-1: every one). */
    public FaultScript onPart(int partNumber, int times, Action action) {
        return on(seen -> seen.isPartPut() && seen.partNumber() == partNumber, times, action);
    }

    /** The first {@code times} ranged GETs starting at byte {@code offset}. */
    public FaultScript onRange(long offset, int times, Action action) {
        return on(seen -> seen.isRangeGet() && seen.range().startsWith("bytes=" + offset + "-"), times, action);
    }

    public FaultScript on(Predicate<Seen> which, int times, Action action) {
        rules.add(new Rule(which, times, action, new AtomicInteger()));
        return this;
    }

    @Override
    public synchronized Action apply(Seen seen) {
        for (Rule rule : rules) {
            if (rule.which().test(seen) && (rule.times() < 0 || rule.used().getAndIncrement() < rule.times())) {
                return rule.action();
            }
        }
        return FaultProxy.FORWARD;
    }
}
