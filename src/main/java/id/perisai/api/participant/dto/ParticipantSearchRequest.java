package id.perisai.api.participant.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A NIK to look up; it travels in the body because a NIK never goes in a URL. */
@Schema(name = "ParticipantSearchRequest")
public record ParticipantSearchRequest(@Schema(example = "3201016502920003", required = true) String nik) {
}
