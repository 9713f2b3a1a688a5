package id.perisai.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Runs a task on several threads released at the same instant (as several replicas would run a job). */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code task} {@code times} at once; returns each run's result, in no particular order. */
    public static <T> List<T> atOnce(int times, Supplier<T> task) throws InterruptedException, ExecutionException {
        CyclicBarrier start = new CyclicBarrier(times);
        List<CompletableFuture<T>> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return task.get();
            }));
        }
        List<T> results = new ArrayList<>();
        for (var run : runs) {
            results.add(run.get());
        }
        return results;
    }
}
