package dev.tributary.emulators.marketo;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No instance has this munchkin id: the host would not exist, so the emulator answers 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownInstanceException extends RuntimeException {

    public UnknownInstanceException(String munchkinId) {
        super("no emulated Marketo instance " + munchkinId);
    }
}
