import { BoardController } from "@board/board_controller";
import { patch } from "@web/core/utils/patch";

/**
 * A dashboard shipped by a module (such as the Transport dashboard) has no
 * copy of its own for the user until a view is added to it: get one before
 * saving a change of layout or a folded or removed panel, which core would
 * otherwise refuse with an error.
 */
patch(BoardController.prototype, {
    async saveBoard() {
        if (!this.board.customViewId) {
            this.board.customViewId = await this.env.services.orm.call(
                "board.board",
                "get_custom_view_id",
                [this.env.config.viewId]
            );
        }
        return super.saveBoard(...arguments);
    },
});
