package id.perisai.api.registration.rest;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.web.BulkUploadPaths;

/** The registry import takes bulk uploads (the large body limit applies to it). */
@ApplicationScoped
public class RegistryUploadPath implements BulkUploadPaths {

    static final String PATH = "/v1/admin/registry/participants";

    @Override
    public boolean isBulkUpload(String path) {
        return PATH.equals(path);
    }
}
