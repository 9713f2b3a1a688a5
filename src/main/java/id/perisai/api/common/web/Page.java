package id.perisai.api.common.web;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: {@code {"items": [...], "nextCursor": "..."}}, {@code nextCursor} absent on the last page. */
public record Page<T>(
        @Schema(description = "The items of this page, in the list's order") List<T> items,
        @Schema(description = "Pass as ?cursor= to get the next page; absent on the last page", example = "REVNTy1XQURBSA") String nextCursor) {

    /**
     * @param fetched up to {@code request.fetchSize()} items in list order
     * @param sortKey the sort key of an item, encoded into the cursor
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, String> sortKey) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, request.limit()));
        return new Page<>(items, PageRequest.encode(sortKey.apply(items.get(items.size() - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
