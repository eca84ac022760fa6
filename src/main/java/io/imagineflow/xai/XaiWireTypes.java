package io.imagineflow.xai;

import io.imagineflow.xai.wire.AudioUrl;
import io.imagineflow.xai.wire.CreatePublicUrlRequest;
import io.imagineflow.xai.wire.CreatePublicUrlResponse;
import io.imagineflow.xai.wire.DeleteFileResponse;
import io.imagineflow.xai.wire.EditImageRequest;
import io.imagineflow.xai.wire.EditVideoRequest;
import io.imagineflow.xai.wire.ExtendVideoRequest;
import io.imagineflow.xai.wire.FileOutput;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.imagineflow.xai.wire.GeneratedImage;
import io.imagineflow.xai.wire.GeneratedImageResponse;
import io.imagineflow.xai.wire.GeneratedVideo;
import io.imagineflow.xai.wire.GetDeferredImageResponse;
import io.imagineflow.xai.wire.ImageError;
import io.imagineflow.xai.wire.ImageGenerationModel;
import io.imagineflow.xai.wire.ImageOutput;
import io.imagineflow.xai.wire.ImagePricingTier;
import io.imagineflow.xai.wire.ListFilesResponse;
import io.imagineflow.xai.wire.ListImageGenerationModelsResponse;
import io.imagineflow.xai.wire.ListVideoGenerationModelsResponse;
import io.imagineflow.xai.wire.Media;
import io.imagineflow.xai.wire.MediaInputTokensDetails;
import io.imagineflow.xai.wire.MediaOutputTokensDetails;
import io.imagineflow.xai.wire.MediaUsage;
import io.imagineflow.xai.wire.PublicUrl;
import io.imagineflow.xai.wire.RevokePublicUrlResponse;
import io.imagineflow.xai.wire.StartDeferredResponse;
import io.imagineflow.xai.wire.StorageOptions;
import io.imagineflow.xai.wire.VideoError;
import io.imagineflow.xai.wire.VideoGenerationModel;
import io.imagineflow.xai.wire.VideoKeyframe;
import io.imagineflow.xai.wire.VideoOutput;
import io.imagineflow.xai.wire.VideoResponse;
import io.imagineflow.xai.wire.XaiFile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type Jackson binds for xAI, registered for reflection so that the native executable can read and
 * write them. A test checks that each class of the wire package is listed here.
 */
@RegisterForReflection(
        targets = {
            AudioUrl.class,
            CreatePublicUrlRequest.class,
            CreatePublicUrlResponse.class,
            DeleteFileResponse.class,
            EditImageRequest.class,
            EditVideoRequest.class,
            ExtendVideoRequest.class,
            FileOutput.class,
            GenerateImageRequest.class,
            GenerateVideoRequest.class,
            GeneratedImage.class,
            GeneratedImageResponse.class,
            GeneratedVideo.class,
            GetDeferredImageResponse.class,
            ImageError.class,
            ImageGenerationModel.class,
            ImageOutput.class,
            ImagePricingTier.class,
            ListFilesResponse.class,
            ListImageGenerationModelsResponse.class,
            ListVideoGenerationModelsResponse.class,
            Media.class,
            Media.HttpsUrl.class,
            Media.DataUri.class,
            Media.FileId.class,
            MediaInputTokensDetails.class,
            MediaOutputTokensDetails.class,
            MediaUsage.class,
            PublicUrl.class,
            RevokePublicUrlResponse.class,
            StartDeferredResponse.class,
            StorageOptions.class,
            VideoError.class,
            VideoGenerationModel.class,
            VideoKeyframe.class,
            VideoOutput.class,
            VideoResponse.class,
            XaiFile.class
        },
        // Serializers named in @JsonSerialize/@JsonDeserialize are created reflectively; they are package-private.
        classNames = {
            "io.imagineflow.xai.wire.MediaJson$Writer",
            "io.imagineflow.xai.wire.MediaJson$Reader",
            "io.imagineflow.xai.wire.PublicUrl$Writer",
            "io.imagineflow.xai.wire.PublicUrl$Reader"
        })
final class XaiWireTypes {

    private XaiWireTypes() {}
}
