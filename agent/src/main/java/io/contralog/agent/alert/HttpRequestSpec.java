package io.contralog.agent.alert;

import java.net.URI;
import java.util.Map;

/**
 * One POST a sink wants made.
 *
 * @param uri     where to post
 * @param headers request headers besides host, content length and content type
 * @param body    the JSON body
 */
public record HttpRequestSpec(URI uri, Map<String, String> headers, byte[] body) {
}
