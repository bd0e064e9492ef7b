//! Mounts the playground app into the page.

fn main() {
    yew::Renderer::<coroutine_playground::ui::App>::new().render();
}
