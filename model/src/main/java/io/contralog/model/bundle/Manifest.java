package io.contralog.model.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contralog.model.score.ScoreFusion;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.text.CanonicalText;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bundle's {@code manifest.json}: what the model is, how it was trained and fitted, and a SHA-256 of every
 * other file. Written last, so its presence means the bundle is complete.
 *
 * @param formatVersion        bundle format version ({@link #FORMAT_VERSION})
 * @param preset               training preset name
 * @param dims                 encoder sizes
 * @param canonicalTextVersion {@link CanonicalText#VERSION} the model was trained with
 * @param tokenizer            tokenizer settings
 * @param session              sessionization used in training
 * @param scoring              masking schedule and reference size the threshold was fitted with
 * @param fusion               score fusion statistics, or null before fitting
 * @param threshold            threshold and how it was chosen, or null before fitting
 * @param trainingData         summary of the training data (free-form counts and sources)
 * @param validation           validation figures (free-form)
 * @param createdAt            creation time, ISO-8601
 * @param trainerVersion       version of the trainer that wrote the bundle
 * @param sha256               lowercase hex SHA-256 of every other file, by file name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int formatVersion, String preset, Dims dims, int canonicalTextVersion,
                       TokenizerSettings tokenizer, SessionSpec session, ScoringSettings scoring,
                       ScoreFusion fusion, Threshold threshold, Map<String, Object> trainingData,
                       Map<String, Object> validation, String createdAt, String trainerVersion,
                       Map<String, String> sha256) {

    /** The bundle format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Normalises absent maps to empty ones. */
    public Manifest {
        trainingData = trainingData == null ? Map.of() : trainingData;
        validation = validation == null ? Map.of() : validation;
        sha256 = sha256 == null ? Map.of() : sha256;
    }

    /** A manifest for a model being written: current versions, creation time now, no fusion or threshold yet. */
    public static Manifest draft(String preset, Dims dims, TokenizerSettings tokenizer, SessionSpec session,
                                 ScoringSettings scoring, String trainerVersion) {
        return new Manifest(FORMAT_VERSION, preset, dims, CanonicalText.VERSION, tokenizer, session, scoring,
            null, null, Map.of(), Map.of(), Instant.now().toString(), trainerVersion, Map.of());
    }

    /** Returns a copy with fitted fusion statistics and threshold. */
    public Manifest withFit(ScoreFusion newFusion, Threshold newThreshold) {
        return new Manifest(formatVersion, preset, dims, canonicalTextVersion, tokenizer, session, scoring,
            newFusion, newThreshold, trainingData, validation, createdAt, trainerVersion, sha256);
    }

    /** Returns a copy with other training data and validation summaries. */
    public Manifest withSummaries(Map<String, Object> newTrainingData, Map<String, Object> newValidation) {
        return new Manifest(formatVersion, preset, dims, canonicalTextVersion, tokenizer, session, scoring,
            fusion, threshold, new LinkedHashMap<>(newTrainingData), new LinkedHashMap<>(newValidation), createdAt,
            trainerVersion, sha256);
    }

    /** Returns a copy with other scoring settings. */
    public Manifest withScoring(ScoringSettings newScoring) {
        return new Manifest(formatVersion, preset, dims, canonicalTextVersion, tokenizer, session, newScoring,
            fusion, threshold, trainingData, validation, createdAt, trainerVersion, sha256);
    }

    /** Returns a copy with other file checksums. */
    public Manifest withSha256(Map<String, String> newSha256) {
        return new Manifest(formatVersion, preset, dims, canonicalTextVersion, tokenizer, session, scoring,
            fusion, threshold, trainingData, validation, createdAt, trainerVersion, new LinkedHashMap<>(newSha256));
    }

    /** The manifest as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest cannot be written as JSON", e);
        }
    }

    /** Parses manifest JSON. */
    public static Manifest fromJson(String json) throws IOException {
        return JSON.readValue(json, Manifest.class);
    }
}
