//! Tests of `parse`.

use super::*;
use crate::model::python_import::ast::FPart;

#[test]
fn the_four_hellos_read_as_statements() {
    let source = "import asyncio\n\nasync def hello(i):\n\tprint('hello', i)\n\tawait asyncio.sleep(3)\n\tprint('world', i)\n\nif __name__ == '__main__':\n\ttasks = []\n\tfor i in range(4):\n\t\ttasks.append(hello(i))\n\tloop = asyncio.get_event_loop()\n\tloop.run_until_complete(asyncio.wait(tasks))\n\tloop.close()\n";
    let body = module(source).unwrap();
    assert_eq!(body.len(), 3);
    let Stmt::Def {
        name,
        params,
        is_async,
        body: steps,
        ..
    } = &body[1]
    else {
        panic!("{:?}", body[1])
    };
    assert_eq!(
        (name.as_str(), params.as_slice(), *is_async, steps.len()),
        ("hello", &["i".to_string()][..], true, 3)
    );
    let Stmt::If { body: main, .. } = &body[2] else {
        panic!()
    };
    assert_eq!(main.len(), 5);
}

#[test]
fn f_strings_keep_their_expressions() {
    let body = module("print(f'a {x} b {{c}}')\n").unwrap();
    let Stmt::Expr(Expr::Call { args, .. }) = &body[0] else {
        panic!()
    };
    let Expr::FStr(parts, _) = &args[0].value else {
        panic!("{:?}", args[0])
    };
    assert_eq!(parts.len(), 3);
    assert!(matches!(&parts[1], FPart::Value(Expr::Name(n, _)) if n == "x"));
    assert!(matches!(&parts[2], FPart::Text(t) if t == " b {c}"));
}

#[test]
fn errors_name_what_is_not_read() {
    let error = module("while True:\n    pass\n").unwrap_err();
    assert!(error.message.contains("while"), "{}", error.message);
    assert_eq!((error.line, error.col), (1, 1));
}
