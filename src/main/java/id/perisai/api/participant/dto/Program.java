package id.perisai.api.participant.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The social security programmes a participant is registered for, as the API names them (rules.md §2). */
@Schema(name = "Program", description = "JKK (work accident), JKM (death), JHT (old-age savings)")
public enum Program {
    JKK,
    JKM,
    JHT
}
