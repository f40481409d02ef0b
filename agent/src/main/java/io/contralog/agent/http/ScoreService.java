package io.contralog.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contralog.agent.alert.AlertJson;
import io.contralog.agent.alert.Redactor;
import io.contralog.agent.pipeline.ModelSlot;
import io.contralog.agent.pipeline.Models;
import io.contralog.model.score.MessageScore;
import io.contralog.model.score.ScoredSequence;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores one posted sequence with the model of its service and answers with the same explanation an alert has. */
public final class ScoreService {

    private final Models models;
    private final Redactor redactor;
    private final ObjectMapper json;

    /** Scores with the given models; every text in the answer goes through the redactor. */
    public ScoreService(Models models, Redactor redactor, ObjectMapper json) {
        this.models = models;
        this.redactor = redactor;
        this.json = json;
    }

    /** Parses, scores and answers; a bad body gets a 400 that says what is wrong. */
    public Routes.Reply score(byte[] body) {
        ScoreRequest req;
        List<String> texts;
        try {
            req = json.readValue(body, ScoreRequest.class);
            texts = req.texts();
        } catch (JsonProcessingException e) {
            return bad("the body is not a valid score request: " + e.getOriginalMessage());
        } catch (IOException | IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        ModelSlot slot = models.forService(req.service());
        if (texts.size() > slot.session().maxLength()) {
            return bad("the sequence has " + texts.size() + " messages; this model scores at most "
                + slot.session().maxLength());
        }
        try {
            ScoredSequence s = slot.scoreTexts(List.of(texts)).get(0);
            return Routes.Reply.json(HttpResponseStatus.OK, AlertJson.bytes(answer(s, slot.version())));
        } catch (Exception e) {
            return Routes.Reply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "scoring failed: " + e + "\n");
        }
    }

    private Map<String, Object> answer(ScoredSequence s, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", version);
        out.put("score", s.score());
        out.put("threshold", s.threshold());
        out.put("anomalous", s.anomalous());
        out.put("messages", s.messages().stream().map(this::message).toList());
        return out;
    }

    private Map<String, Object> message(MessageScore m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("position", m.position());
        out.put("text", redactor.apply(m.text()));
        out.put("score", m.inContext());
        out.put("contextFree", m.contextFree());
        out.put("nearestNormal", redactor.apply(m.nearestNormal()));
        return out;
    }

    private static Routes.Reply bad(String why) {
        return Routes.Reply.text(HttpResponseStatus.BAD_REQUEST, why + "\n");
    }
}
