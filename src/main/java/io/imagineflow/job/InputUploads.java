package io.imagineflow.job;

/** Turns an S3 input into a file in xAI Files, uploading each object version once. */
public interface InputUploads {

    /**
     * The file id for this object, uploaded now or remembered from an earlier job.
     *
     * @param field where the input appears in the request, for errors
     * @param video whether the input must be an MP4 video (else a PNG, JPEG or WebP image)
     */
    MediaRef.FileId fileFor(MediaRef.S3Object object, String field, boolean video);
}
