package io.imagineflow.xai;

import io.imagineflow.xai.wire.CreatePublicUrlRequest;
import io.imagineflow.xai.wire.CreatePublicUrlResponse;
import io.imagineflow.xai.wire.DeleteFileResponse;
import io.imagineflow.xai.wire.EditImageRequest;
import io.imagineflow.xai.wire.EditVideoRequest;
import io.imagineflow.xai.wire.ExtendVideoRequest;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.imagineflow.xai.wire.GeneratedImageResponse;
import io.imagineflow.xai.wire.ImageGenerationModel;
import io.imagineflow.xai.wire.ListFilesResponse;
import io.imagineflow.xai.wire.ListImageGenerationModelsResponse;
import io.imagineflow.xai.wire.ListVideoGenerationModelsResponse;
import io.imagineflow.xai.wire.RevokePublicUrlResponse;
import io.imagineflow.xai.wire.StartDeferredResponse;
import io.imagineflow.xai.wire.VideoGenerationModel;
import io.imagineflow.xai.wire.XaiFile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import java.io.InputStream;

/**
 * xAI's Imagine and Files REST API, one method per operation of xAI's OpenAPI document (18 operations; the
 * image POSTs appear twice because a deferred request answers with another shape). Callers go through
 * {@link XaiClient}, which adds the retry rules and turns answers into outcomes.
 */
@RegisterRestClient(configKey = "xai")
@RegisterProvider(XaiAuthorization.class)
@RegisterProvider(XaiResponseMapper.class)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface XaiApi {

    @POST
    @Path("/images/generations")
    GeneratedImageResponse generateImage(GenerateImageRequest body);

    @POST
    @Path("/images/generations")
    StartDeferredResponse generateImageDeferred(GenerateImageRequest body);

    @POST
    @Path("/images/edits")
    GeneratedImageResponse editImage(EditImageRequest body);

    @POST
    @Path("/images/edits")
    StartDeferredResponse editImageDeferred(EditImageRequest body);

    /** 202 while pending (empty body or {@code {status, progress}}), 200 when done or failed. */
    @GET
    @Path("/images/{request_id}")
    Response getDeferredImage(@PathParam("request_id") String requestId);

    @POST
    @Path("/videos/generations")
    StartDeferredResponse generateVideo(GenerateVideoRequest body);

    @POST
    @Path("/videos/edits")
    StartDeferredResponse editVideo(EditVideoRequest body);

    @POST
    @Path("/videos/extensions")
    StartDeferredResponse extendVideo(ExtendVideoRequest body);

    /** 202 while pending (empty body or {@code {status, progress}}), 200 for done, failed and expired. */
    @GET
    @Path("/videos/{request_id}")
    Response getDeferredVideo(@PathParam("request_id") String requestId);

    @GET
    @Path("/image-generation-models")
    ListImageGenerationModelsResponse listImageGenerationModels();

    @GET
    @Path("/image-generation-models/{model_id}")
    ImageGenerationModel getImageGenerationModel(@PathParam("model_id") String modelId);

    @GET
    @Path("/video-generation-models")
    ListVideoGenerationModelsResponse listVideoGenerationModels();

    @GET
    @Path("/video-generation-models/{model_id}")
    VideoGenerationModel getVideoGenerationModel(@PathParam("model_id") String modelId);

    /** The form's parts go out in the order they were added: xAI wants {@code expires_after} before {@code file}. */
    @POST
    @Path("/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    XaiFile uploadFile(ClientMultipartForm form);

    @GET
    @Path("/files")
    ListFilesResponse listFiles(
            @QueryParam("limit") Integer limit,
            @QueryParam("order") String order,
            @QueryParam("sort_by") String sortBy,
            @QueryParam("pagination_token") String paginationToken,
            @QueryParam("after") String after,
            @QueryParam("filter") String filter);

    @GET
    @Path("/files/{file_id}")
    XaiFile retrieveFile(@PathParam("file_id") String fileId);

    @DELETE
    @Path("/files/{file_id}")
    DeleteFileResponse deleteFile(@PathParam("file_id") String fileId);

    /** Streamed: the REST client hands over the body as it arrives instead of buffering it. */
    @GET
    @Path("/files/{file_id}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    InputStream downloadFileContent(@PathParam("file_id") String fileId, @QueryParam("format") String format);

    @POST
    @Path("/files/{file_id}/public-url")
    CreatePublicUrlResponse createPublicUrl(@PathParam("file_id") String fileId, CreatePublicUrlRequest body);

    @POST
    @Path("/files/{file_id}/public-url/revoke")
    RevokePublicUrlResponse revokePublicUrl(@PathParam("file_id") String fileId);
}
