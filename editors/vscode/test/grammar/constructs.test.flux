// SYNTAX TEST "source.flux-server" "every construct of LANGUAGE.md, with scopes at known positions"
/** Documentation of Listen. */
// <------------------------------- comment.block.documentation.flux-server
Listen () => (int socket);
// <------ entity.name.function.definition.flux-server
//     ^ punctuation.section.parens.begin.flux-server
//        ^^ keyword.operator.arrow.flux-server
//            ^^^ storage.type.builtin.flux-server
//                ^^^^^^ variable.parameter.flux-server
//                      ^ punctuation.section.parens.end.flux-server
//                       ^ punctuation.terminator.statement.flux-server
Read (int socket, const struct stat *info, char *const *argv) => (int socket, image_tag* tag);
//    ^^^ storage.type.builtin.flux-server
//        ^^^^^^ variable.parameter.flux-server
//                ^^^^^ storage.modifier.flux-server
//                      ^^^^^^ storage.type.struct.flux-server
//                             ^^^^ storage.type.flux-server
//                                  ^ keyword.operator.pointer.flux-server
//                                   ^^^^ variable.parameter.flux-server
//                                               ^^^^^ storage.modifier.flux-server
//                                                     ^ keyword.operator.pointer.flux-server
//                                                      ^^^^ variable.parameter.flux-server
//                                                                            ^^^^^^^^^ storage.type.flux-server
//                                                                                     ^ keyword.operator.pointer.flux-server
//                                                                                       ^^^ variable.parameter.flux-server
Wrapped (
    int socket,   // a comment inside the parameters
//  ^^^ storage.type.builtin.flux-server
//      ^^^^^^ variable.parameter.flux-server
//                ^^ comment.line.double-slash.flux-server
    unsigned long size
//  ^^^^^^^^ storage.type.builtin.flux-server
//           ^^^^ storage.type.builtin.flux-server
//                ^^^^ variable.parameter.flux-server
) => ();
// <- punctuation.section.parens.end.flux-server
Serve = Read -> Handler -> Close;
// <----- entity.name.function.definition.flux-server
//    ^ keyword.operator.assignment.flux-server
//      ^^^^ entity.name.function.call.flux-server
//           ^^ keyword.operator.flow.flux-server
//              ^^^^^^^ entity.name.function.call.flux-server
//                              ^ punctuation.terminator.statement.flux-server
source Listen => Serve;
// <------ keyword.other.source.flux-server
//     ^^^^^^ entity.name.function.call.flux-server
//            ^^ keyword.operator.arrow.flux-server
//               ^^^^^ entity.name.function.call.flux-server
source Accept {session: PlayerOf} => Serve;
//            ^ punctuation.section.braces.begin.flux-server
//             ^^^^^^^ keyword.other.session.flux-server
//                      ^^^^^^^^ entity.name.function.c.flux-server
//                                   ^^^^^ entity.name.function.call.flux-server
typedef hit TestInCache;   /* block comment */
// <------- keyword.other.typedef.flux-server
//      ^^^ entity.name.type.predicate.flux-server
//          ^^^^^^^^^^^ entity.name.function.c.flux-server
//                         ^^^^^^^^^^^^^^^^^^^ comment.block.flux-server
Handler:[_, hit, *] = ;
// <------- entity.name.function.definition.flux-server
//     ^ punctuation.separator.colon.flux-server
//      ^ punctuation.section.brackets.begin.flux-server
//       ^ constant.language.wildcard.flux-server
//          ^^^ entity.name.type.predicate.flux-server
//               ^ constant.language.wildcard.flux-server
//                  ^ keyword.operator.assignment.flux-server
Handler:[_, _, _] =
    ReadInFromDisk
//  ^^^^^^^^^^^^^^ entity.name.function.call.flux-server
    -> Compress;
//  ^^ keyword.operator.flow.flux-server
//     ^^^^^^^^ entity.name.function.call.flux-server
handle error Read => NotFound;
// <------ keyword.other.handle.flux-server
//     ^^^^^ keyword.other.error.flux-server
//           ^^^^ entity.name.function.call.flux-server
//                ^^ keyword.operator.arrow.flux-server
//                   ^^^^^^^^ entity.name.function.c.flux-server
atomic Read:{cache?, log!, player(session), stats?(program)};
// <------ keyword.other.atomic.flux-server
//     ^^^^ entity.name.function.call.flux-server
//         ^ punctuation.separator.colon.flux-server
//           ^^^^^ variable.other.constant.constraint.flux-server
//                ^ keyword.operator.mode.reader.flux-server
//                      ^ keyword.operator.mode.writer.flux-server
//                         ^^^^^^ variable.other.constant.constraint.flux-server
//                                ^^^^^^^ storage.modifier.scope.flux-server
//                                                 ^^^^^^^ storage.modifier.scope.flux-server
Broken (int x) => (int y)
// <------ entity.name.function.definition.flux-server
atomic Close:{log};
// <------ keyword.other.atomic.flux-server
//     ^^^^^ entity.name.function.call.flux-server
//            ^^^ variable.other.constant.constraint.flux-server
