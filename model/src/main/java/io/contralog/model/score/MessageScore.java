package io.contralog.model.score;

/**
 * How unexpected one message of a sequence is, with the nearest normal message as the explanation.
 *
 * @param position      index of the message in its sequence
 * @param text          the message's canonical text
 * @param inContext     1 - cos(prediction from its neighbours, its embedding)
 * @param contextFree   cosine distance to the nearest normal message
 * @param nearestNormal text of the nearest normal message, or null without a reference set
 */
public record MessageScore(int position, String text, double inContext, double contextFree, String nearestNormal) {

    /** Both scores added: the order in which an explanation lists messages. */
    public double combined() {
        return inContext + contextFree;
    }
}
