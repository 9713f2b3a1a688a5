package id.perisai.api.batch.progress;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a live progress operation ({@code GET …/{batchId}/events}) of the batch kind named: {@link ProgressStreamFilter}
 * looks the batch up before the stream starts, so that an unknown or foreign batch is a 404 problem like everywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProgressStream {

    /** The batch kind's name, e.g. {@code REGISTRATION}. */
    String value();
}
