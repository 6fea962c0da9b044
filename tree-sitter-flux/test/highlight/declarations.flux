Listen () => (int socket);
// <- function
//     ^ punctuation.bracket
//        ^ operator
//             ^ type.builtin
//                 ^ variable.parameter
//                       ^ punctuation.delimiter

source Listen => Image;
// <- keyword
//      ^ function.call
//            ^ operator
//               ^ function.call

source Other {session: Who} => Image;
//           ^ punctuation.bracket
//            ^ keyword
//                   ^ punctuation.delimiter
//                     ^ function.call

Image = Listen -> Handler -> Complete;
// <- function
//    ^ operator
//      ^ function.call
//             ^ operator
//                ^ function.call

typedef hit TestInCache;
// <- keyword.type
//      ^ type.definition
//          ^ function.call

Handler:[_, *, hit] = ;
// <- function
//     ^ punctuation.delimiter
//      ^ punctuation.bracket
//       ^ constant.builtin
//          ^ constant.builtin
//             ^ type
//                  ^ operator

handle error Handler => NotFound;
// <- keyword
//     ^ keyword
//           ^ function.call
//                      ^ function.call

atomic Complete:{cache?, players!(session), log(program)};
// <- keyword
//     ^ function.call
//               ^ label
//                    ^ operator
//                       ^ label
//                              ^ operator
//                                ^ keyword.modifier
//                                              ^ keyword.modifier
